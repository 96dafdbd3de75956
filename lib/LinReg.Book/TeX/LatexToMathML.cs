using System.Globalization;
using System.Text;
using LinReg.Book.Html;

namespace LinReg.Book.TeX;

/// <summary>The MathML for one formula and what the converter could not handle in it.</summary>
/// <param name="MathML">A complete <c>&lt;math&gt;</c> element (never empty; problems are shown in it in red).</param>
/// <param name="UnknownCommands">Commands and environments the converter does not know, e.g. <c>\foo</c> or
/// <c>\begin{foo}</c>, in order of appearance (duplicates kept).</param>
/// <param name="Errors">Structural problems such as an unbalanced brace or a missing argument.</param>
public sealed record MathConversion(string MathML, IReadOnlyList<string> UnknownCommands, IReadOnlyList<string> Errors)
{
    /// <summary>True when the formula converted without unknown commands or errors.</summary>
    public bool IsClean => UnknownCommands.Count == 0 && Errors.Count == 0;
}

/// <summary>
/// Converts the LaTeX math subset used by the book into MathML Core, which Chromium, Firefox and Safari render
/// natively — so the book needs no KaTeX/MathJax and no network.
/// </summary>
/// <remarks>
/// Supported: letters, digits, operators, sub/superscripts and primes, <c>\frac \dfrac \tfrac \binom \sqrt</c>,
/// big operators with limits (<c>\sum \prod \int</c>…), accents (<c>\hat \bar \tilde \vec \dot \overline</c>…),
/// fonts (<c>\mathbf \mathbb \mathcal \mathrm \mathit \mathsf \mathtt \mathfrak \boldsymbol</c>, via the Unicode
/// math alphanumerics), <c>\text \operatorname</c>, Greek letters, relations/arrows/operators, functions
/// (<c>\log \exp \min \max \arg\min \lim</c>…), <c>\left…\middle…\right</c> and <c>\big</c>-family delimiters,
/// spacing (<c>\, \: \; \! \quad \qquad</c>), environments <c>matrix pmatrix bmatrix Bmatrix vmatrix Vmatrix cases
/// aligned align gathered split array</c> with <c>&amp;</c> and <c>\\</c>, <c>\overset \underset \overbrace
/// \underbrace \boxed \phantom \displaystyle \not</c>. The converter never throws: an unknown command is shown as
/// red monospace source and reported in <see cref="MathConversion.UnknownCommands"/>.
/// </remarks>
public static class LatexToMathML
{
    /// <summary>Converts one formula.</summary>
    /// <param name="latex">The LaTeX source without the surrounding <c>$</c>/<c>$$</c>.</param>
    /// <param name="display">True for display (block) math, false for inline math.</param>
    /// <returns>The <c>&lt;math&gt;</c> element plus the problems found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="latex"/> is null.</exception>
    public static MathConversion Convert(string latex, bool display)
    {
        ArgumentNullException.ThrowIfNull(latex);
        var parser = new Parser(latex, display);
        string body;
        try
        {
            body = parser.ParseTop();
        }
        catch (Exception ex) when (ex is InsufficientExecutionStackException or ParseAbort)
        {
            parser.Errors.Add(ex is ParseAbort ? ex.Message : "formula nested too deeply");
            body = ErrorText(latex);
        }

        var sb = new StringBuilder(body.Length + latex.Length + 128);
        sb.Append("<math").Append(display ? " display=\"block\"" : "").Append(" class=\"tex\">")
          .Append("<semantics>").Append(body)
          .Append("<annotation encoding=\"application/x-tex\">").Append(Escape(latex)).Append("</annotation>")
          .Append("</semantics></math>");
        return new MathConversion(sb.ToString(), parser.Unknown, parser.Errors);
    }

    internal static string Escape(string s) => HtmlText.Escape(s);

    internal static string ErrorText(string source) =>
        $"<mtext class=\"tex-error\" style=\"color:#c00;font-family:monospace\">{Escape(source)}</mtext>";

    private sealed class ParseAbort(string message) : Exception(message);

    private enum Kind { Ord, Bin, Rel, Open, Close, Punct, BigOp, Function, Space, Inner }

    /// <summary>One parsed item: its MathML and how it behaves next to its neighbours.</summary>
    private sealed class Atom(string xml, Kind kind)
    {
        public string Xml = xml;
        public Kind Kind = kind;
        /// <summary>For big operators and limit functions: put scripts under/over (null = decide by style).</summary>
        public bool? Limits;
        /// <summary>\overbrace / \underbrace: the next ^ / _ goes over / under.</summary>
        public bool BraceOver, BraceUnder;
    }

    private sealed class Parser(string src, bool display)
    {
        private readonly string _s = src;
        private int _p;
        private int _depth;
        private bool _displayStyle = display;
        private int _scriptLevel;
        private MathFont _font = MathFont.Default;
        public readonly List<string> Unknown = [];
        public readonly List<string> Errors = [];

        private const int MaxDepth = 120;

        public string ParseTop()
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            while (true)
            {
                var seq = ParseSequence(Stop.Row);
                row.Add(seq);
                if (AtEnd) break;
                if (Peek("\\\\"))
                {
                    _p += 2;
                    SkipOptionalBracket();
                    rows.Add(row);
                    row = [];
                    continue;
                }
                if (_s[_p] == '&')
                {
                    // '&' outside an environment: TeX rejects it; show it and go on.
                    Errors.Add("'&' outside an environment (use \\begin{aligned})");
                    _p++;
                    row.Add(ErrorText("&"));
                    continue;
                }
                if (_s[_p] == '}')
                {
                    Errors.Add($"unmatched '}}' at position {_p}");
                    _p++;
                    row.Add(ErrorText("}"));
                    continue;
                }
                // \end, \right or \middle with no opener.
                var start = _p;
                var name = ReadCommandName();
                if (name == "end") ReadRawGroup();
                Errors.Add($"'\\{name}' without its opening command");
                row.Add(ErrorText(_s[start.._p]));
            }
            rows.Add(row);
            if (rows.Count == 1) return Row(row);
            // Several lines (\\ outside an environment): stack them, centred.
            var sb = new StringBuilder("<mtable displaystyle=\"true\">");
            foreach (var r in rows) sb.Append("<mtr><mtd>").Append(Row(r)).Append("</mtd></mtr>");
            return sb.Append("</mtable>").ToString();
        }

        [Flags]
        private enum Stop { None = 0, Group = 1, Cell = 2, Row = 4, Right = 8, End = 16, Bracket = 32 }

        private bool AtEnd => _p >= _s.Length;

        private bool Peek(string t) => string.CompareOrdinal(_s, _p, t, 0, t.Length) == 0;

        private void SkipSpace()
        {
            while (_p < _s.Length)
            {
                var c = _s[_p];
                if (char.IsWhiteSpace(c)) _p++;
                else if (c == '%')
                {
                    while (_p < _s.Length && _s[_p] != '\n') _p++;
                }
                else break;
            }
        }

        /// <summary>Parses items until a stop token (not consumed) or the end; returns one MathML element.</summary>
        private string ParseSequence(Stop stop) => Row(ParseItems(stop));

        private List<string> ParseItems(Stop stop)
        {
            if (++_depth > MaxDepth) throw new ParseAbort("formula nested too deeply");
            try
            {
                var atoms = new List<Atom>();
                while (true)
                {
                    SkipSpace();
                    if (AtEnd) break;
                    var c = _s[_p];
                    if (c == '}') break;
                    if (c == ']' && stop.HasFlag(Stop.Bracket)) break;
                    if (c == '&') break;
                    if (Peek("\\\\")) break;
                    if (c == '\\' && (PeekCommand("end") || PeekCommand("right") || PeekCommand("middle"))) break;

                    if (c == '\\' && (PeekCommand("displaystyle") || PeekCommand("textstyle") || PeekCommand("color")))
                    {
                        atoms.Add(ParseStyleSwitch(stop));
                        continue;
                    }

                    var atom = ParseAtom();
                    if (atom is null) continue;
                    atom = ParseScripts(atom);
                    atoms.Add(atom);
                }
                return Assemble(atoms);
            }
            finally
            {
                _depth--;
            }
        }

        /// <summary>\displaystyle, \textstyle, \color{c}: apply to the rest of the current group.</summary>
        private Atom ParseStyleSwitch(Stop stop)
        {
            var name = ReadCommandName();
            if (name == "color")
            {
                var color = SafeColor(ReadRawGroup());
                var rest = ParseSequence(stop);
                return new Atom($"<mrow style=\"color:{color}\">{rest}</mrow>", Kind.Inner);
            }
            var saved = _displayStyle;
            _displayStyle = name == "displaystyle";
            var inner = ParseSequence(stop);
            _displayStyle = saved;
            return new Atom($"<mstyle displaystyle=\"{(name == "displaystyle" ? "true" : "false")}\">{inner}</mstyle>", Kind.Inner);
        }

        private static string SafeColor(string c)
        {
            var t = c.Trim();
            return t.Length > 0 && t.Length < 30 && t.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '#') ? t : "inherit";
        }

        /// <summary>Joins atoms into MathML, adding the thin space TeX puts after a function name.</summary>
        private static List<string> Assemble(List<Atom> atoms)
        {
            var list = new List<string>(atoms.Count);
            for (var i = 0; i < atoms.Count; i++)
            {
                // TeX: a binary operator with nothing to its left (start, or after a relation, an opening
                // delimiter, punctuation or another operator) is unary, without spaces: "= −5", "(−1)".
                if (atoms[i].Kind == Kind.Bin && atoms[i].Xml.StartsWith("<mo>", StringComparison.Ordinal) &&
                    (i == 0 || atoms[i - 1].Kind is Kind.Rel or Kind.Open or Kind.Bin or Kind.Punct or Kind.BigOp))
                {
                    atoms[i].Xml = "<mo lspace=\"0\" rspace=\"0\">" + atoms[i].Xml[4..];
                }
                list.Add(atoms[i].Xml);
                if (atoms[i].Kind == Kind.Function && i + 1 < atoms.Count &&
                    atoms[i + 1].Kind is Kind.Ord or Kind.Function or Kind.BigOp or Kind.Inner)
                {
                    list.Add(Space(1.0 / 6));
                }
            }
            return list;
        }

        private bool PeekCommand(string name)
        {
            if (_p >= _s.Length || _s[_p] != '\\') return false;
            if (string.CompareOrdinal(_s, _p + 1, name, 0, name.Length) != 0) return false;
            var after = _p + 1 + name.Length;
            return after >= _s.Length || !char.IsAsciiLetter(_s[after]);
        }

        /// <summary>Reads <c>\name</c> (letters) or <c>\c</c> (one other character) at the position; returns the name.</summary>
        private string ReadCommandName()
        {
            _p++; // backslash
            if (AtEnd) return "";
            var start = _p;
            if (char.IsAsciiLetter(_s[_p]))
            {
                while (_p < _s.Length && char.IsAsciiLetter(_s[_p])) _p++;
                if (_p < _s.Length && _s[_p] == '*' && _s.AsSpan(start, _p - start) is "operatorname" or "hspace" or "tag") _p++;
            }
            else _p++;
            return _s[start.._p];
        }

        /// <summary>Reads a braced group's raw text (or one token if there are no braces).</summary>
        private string ReadRawGroup()
        {
            SkipSpace();
            if (AtEnd) { Errors.Add("missing argument at the end"); return ""; }
            if (_s[_p] != '{')
            {
                if (_s[_p] == '\\') { var st = _p; ReadCommandName(); return _s[st.._p]; }
                return _s[_p++].ToString();
            }
            var depth = 0;
            var start = _p + 1;
            for (; _p < _s.Length; _p++)
            {
                if (_s[_p] == '\\') { _p++; continue; }
                if (_s[_p] == '{') depth++;
                else if (_s[_p] == '}' && --depth == 0)
                {
                    _p++;
                    return _s[start..(_p - 1)];
                }
            }
            Errors.Add("missing '}'");
            return _s[start..];
        }

        private void SkipOptionalBracket()
        {
            var save = _p;
            SkipSpace();
            if (!AtEnd && _s[_p] == '[')
            {
                var close = _s.IndexOf(']', _p);
                if (close > 0) { _p = close + 1; return; }
            }
            _p = save;
        }

        /// <summary>An argument: a braced group, a command with its own arguments, or one character.</summary>
        private string ParseArgument(bool? displayStyle = null)
        {
            var saved = _displayStyle;
            if (displayStyle is { } d) _displayStyle = d;
            try
            {
                SkipSpace();
                if (AtEnd) { Errors.Add("missing argument at the end"); return "<mrow></mrow>"; }
                var c = _s[_p];
                if (c == '{')
                {
                    _p++;
                    var inner = ParseSequence(Stop.Group);
                    ExpectCloseBrace();
                    return inner;
                }
                if (c == '}' || c == '&')
                {
                    Errors.Add($"missing argument before '{c}'");
                    return "<mrow></mrow>";
                }
                if (char.IsAsciiDigit(c)) { _p++; return $"<mn>{Map(c.ToString())}</mn>"; }
                var atom = ParseAtom();
                return atom?.Xml ?? "<mrow></mrow>";
            }
            finally
            {
                _displayStyle = saved;
            }
        }

        private void ExpectCloseBrace()
        {
            if (!AtEnd && _s[_p] == '}') _p++;
            else Errors.Add("missing '}'");
        }

        private string Map(string text) => Escape(LatexFonts.Map(text, _font));

        /// <summary>Parses one atom (without scripts). Returns null for things that produce nothing (\label…).</summary>
        private Atom? ParseAtom()
        {
            var c = _s[_p];
            switch (c)
            {
                case '{':
                {
                    _p++;
                    var inner = ParseSequence(Stop.Group);
                    ExpectCloseBrace();
                    return new Atom(inner, Kind.Ord);
                }
                case '\\':
                    return ParseCommand();
                case '^' or '_':
                    // A script with no base: attach it to an empty base.
                    return new Atom("<mrow></mrow>", Kind.Ord);
                case '\'':
                    _p++;
                    return new Atom("<mo>\u2032</mo>", Kind.Ord);
                case '~':
                    _p++;
                    return new Atom(Space(1.0 / 3), Kind.Space);
            }

            if (char.IsAsciiDigit(c) || (c == '.' && _p + 1 < _s.Length && char.IsAsciiDigit(_s[_p + 1])))
            {
                var start = _p;
                var seenDot = false;
                while (_p < _s.Length && (char.IsAsciiDigit(_s[_p]) ||
                       (_s[_p] == '.' && !seenDot && _p + 1 < _s.Length && char.IsAsciiDigit(_s[_p + 1]))))
                {
                    if (_s[_p] == '.') seenDot = true;
                    _p++;
                }
                return new Atom($"<mn>{Map(_s[start.._p])}</mn>", Kind.Ord);
            }

            if (char.IsHighSurrogate(c) && _p + 1 < _s.Length && char.IsLowSurrogate(_s[_p + 1]))
            {
                // A character outside the BMP typed directly, e.g. 𝐱: an identifier as it is.
                _p += 2;
                return new Atom($"<mi>{Escape(_s.Substring(_p - 2, 2))}</mi>", Kind.Ord);
            }

            if (char.IsLetter(c))
            {
                var start = _p++;
                if (_font == MathFont.Default) return new Atom($"<mi>{Escape(c.ToString())}</mi>", Kind.Ord);
                // Under a font command, merge a run of letters into one identifier (\mathrm{MSE}, \mathbf{xy}).
                if (char.IsAsciiLetter(c))
                {
                    while (_p < _s.Length && char.IsAsciiLetter(_s[_p])) _p++;
                }
                var text = _s[start.._p];
                var variant = _font == MathFont.Roman && text.Length == 1 ? " mathvariant=\"normal\"" : "";
                return new Atom($"<mi{variant}>{Map(text)}</mi>", Kind.Ord);
            }

            _p++;
            return c switch
            {
                '+' => Mo("+", Kind.Bin),
                '-' => Mo("\u2212", Kind.Bin),
                '*' => Mo("\u2217", Kind.Bin),
                '=' or '<' or '>' => Rel(c.ToString()),
                ':' => Rel(":"),
                '(' or '[' => Delim(c.ToString(), Kind.Open),
                ')' or ']' => Delim(c.ToString(), Kind.Close),
                '|' => Delim("|", Kind.Ord),
                '/' => new Atom("<mo lspace=\"0\" rspace=\"0\" stretchy=\"false\">/</mo>", Kind.Ord),
                ',' or ';' => Mo(c.ToString(), Kind.Punct),
                '.' => new Atom("<mo lspace=\"0\" rspace=\"0\">.</mo>", Kind.Ord),
                '!' => new Atom("<mo lspace=\"0\" rspace=\"0\">!</mo>", Kind.Close),
                '?' => Mo("?", Kind.Punct),
                '$' => null!,
                _ when char.IsWhiteSpace(c) => null!,
                _ => Mo(c.ToString(), Kind.Ord),
            };
        }

        /// <summary>In scripts (and in inline fractions) TeX drops the spaces around binary operators, relations
        /// and punctuation; MathML Core would keep its dictionary spacing, so it is set to zero explicitly.</summary>
        private string Tight => _scriptLevel > 0 ? " lspace=\"0\" rspace=\"0\"" : "";

        private Atom Mo(string text, Kind kind) =>
            new(kind is Kind.Bin or Kind.Punct ? $"<mo{Tight}>{Escape(text)}</mo>" : $"<mo>{Escape(text)}</mo>", kind);

        private Atom Rel(string text) => new($"<mo form=\"infix\"{Tight}>{Escape(text)}</mo>", Kind.Rel);

        private static Atom Delim(string text, Kind kind) =>
            new($"<mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">{Escape(text)}</mo>", kind);

        private static string Space(double em) =>
            $"<mspace width=\"{em.ToString("0.####", CultureInfo.InvariantCulture)}em\"></mspace>";

        private Atom Unknown_(string source)
        {
            Unknown.Add(source);
            return new Atom(ErrorText(source), Kind.Ord);
        }

        private Atom? ParseCommand()
        {
            var start = _p;
            var name = ReadCommandName();
            if (name.Length == 0)
            {
                Errors.Add("lone backslash at the end");
                return new Atom(ErrorText("\\"), Kind.Ord);
            }

            if (LatexSymbols.Spaces.TryGetValue(name, out var em)) return new Atom(Space(em), Kind.Space);

            if (name == "arg")
            {
                // \arg\min and \arg\max: one operator name with limits.
                var save = _p;
                SkipSpace();
                if (PeekCommand("min") || PeekCommand("max"))
                {
                    var second = ReadCommandName();
                    return new Atom($"<mi>arg\u2009{second}</mi>", Kind.Function) { Limits = null };
                }
                _p = save;
            }

            if (LatexSymbols.Functions.TryGetValue(name, out var limits))
            {
                var text = name switch { "argmin" => "arg\u2009min", "argmax" => "arg\u2009max", "liminf" => "lim\u2009inf", "limsup" => "lim\u2009sup", _ => name };
                var mi = text.Length == 1 ? $"<mi mathvariant=\"normal\">{text}</mi>" : $"<mi>{text}</mi>";
                var a = new Atom(mi, Kind.Function);
                if (!limits) a.Limits = false;
                return a;
            }

            if (LatexSymbols.Symbols.TryGetValue(name, out var sym)) return SymbolAtom(sym.Text, sym.Class);

            if (LatexFonts.Commands.TryGetValue(name, out var font))
            {
                var saved = _font;
                _font = font;
                var arg = ParseArgument();
                _font = saved;
                return new Atom(arg, Kind.Ord);
            }

            if (LatexSymbols.Accents.TryGetValue(name, out var acc))
            {
                var arg = ParseArgument();
                var stretchy = acc.Stretchy ? "true" : "false";
                return acc.Under
                    ? new Atom($"<munder accentunder=\"true\">{arg}<mo stretchy=\"{stretchy}\">{Escape(acc.Mark)}</mo></munder>", Kind.Ord)
                    : new Atom($"<mover accent=\"true\">{arg}<mo stretchy=\"{stretchy}\">{Escape(acc.Mark)}</mo></mover>", Kind.Ord);
            }

            if (LatexSymbols.BigSizes.TryGetValue(name, out var size))
            {
                var delim = ReadDelimiter();
                if (delim is null) return Unknown_(_s[start.._p]);
                var sz = size.ToString("0.0", CultureInfo.InvariantCulture);
                var kind = name.EndsWith('l') ? Kind.Open : name.EndsWith('r') ? Kind.Close : Kind.Ord;
                return new Atom($"<mo stretchy=\"true\" symmetric=\"true\" lspace=\"0\" rspace=\"0\" minsize=\"{sz}em\" maxsize=\"{sz}em\">{Escape(delim)}</mo>", kind);
            }

            switch (name)
            {
                case "frac" or "dfrac" or "tfrac" or "cfrac":
                {
                    var inner = name == "dfrac" ? true : name == "tfrac" ? false : (bool?)false;
                    // A fraction in text style sets its parts in script style (smaller, no operator spacing).
                    var scripty = name == "tfrac" || (name != "dfrac" && !_displayStyle);
                    if (scripty) _scriptLevel++;
                    var num = ParseArgument(inner);
                    var den = ParseArgument(inner);
                    if (scripty) _scriptLevel--;
                    var frac = $"<mfrac>{num}{den}</mfrac>";
                    if (name == "dfrac") frac = $"<mstyle displaystyle=\"true\">{frac}</mstyle>";
                    else if (name == "tfrac") frac = $"<mstyle displaystyle=\"false\">{frac}</mstyle>";
                    return new Atom(frac, Kind.Inner);
                }
                case "binom" or "dbinom" or "tbinom":
                {
                    var n = ParseArgument(false);
                    var k = ParseArgument(false);
                    return new Atom($"<mrow><mo>(</mo><mfrac linethickness=\"0\">{n}{k}</mfrac><mo>)</mo></mrow>", Kind.Inner);
                }
                case "sqrt":
                {
                    SkipSpace();
                    if (!AtEnd && _s[_p] == '[')
                    {
                        _p++;
                        var index = ParseSequence(Stop.Bracket);
                        if (!AtEnd && _s[_p] == ']') _p++;
                        else Errors.Add("missing ']' in \\sqrt[…]");
                        var radicand = ParseArgument();
                        return new Atom($"<mroot>{radicand}{index}</mroot>", Kind.Ord);
                    }
                    return new Atom($"<msqrt>{ParseArgument()}</msqrt>", Kind.Ord);
                }
                case "text" or "textrm" or "textnormal" or "mbox" or "textit" or "textbf" or "textsf" or "texttt" or "hbox":
                    return new Atom(TextToMathML(ReadRawGroup(), name), Kind.Ord);
                case "operatorname" or "operatorname*" or "mathop":
                {
                    var saved = _font;
                    _font = MathFont.Roman;
                    var arg = ParseArgument();
                    _font = saved;
                    return new Atom(arg, Kind.Function) { Limits = name == "operatorname" ? false : null };
                }
                case "left":
                    return ParseLeftRight(start);
                case "begin":
                    return ParseEnvironment(start);
                case "not":
                    return ParseNot();
                case "overset" or "stackrel" or "underset":
                {
                    var mark = ParseArgument(false);
                    var baseXml = ParseArgument();
                    return name == "underset"
                        ? new Atom($"<munder>{baseXml}{mark}</munder>", Kind.Ord)
                        : new Atom($"<mover>{baseXml}{mark}</mover>", name == "stackrel" ? Kind.Rel : Kind.Ord);
                }
                case "overbrace" or "underbrace":
                {
                    var arg = ParseArgument();
                    return name == "overbrace"
                        ? new Atom($"<mover>{arg}<mo stretchy=\"true\">\u23DE</mo></mover>", Kind.Ord) { BraceOver = true }
                        : new Atom($"<munder>{arg}<mo stretchy=\"true\">\u23DF</mo></munder>", Kind.Ord) { BraceUnder = true };
                }
                case "boxed" or "fbox":
                    return new Atom($"<mrow style=\"border:1px solid currentColor;padding:0.15em 0.3em\">{ParseArgument()}</mrow>", Kind.Ord);
                case "phantom" or "hphantom" or "vphantom":
                    return new Atom($"<mphantom>{ParseArgument()}</mphantom>", Kind.Ord);
                case "textcolor":
                {
                    var color = SafeColor(ReadRawGroup());
                    return new Atom($"<mrow style=\"color:{color}\">{ParseArgument()}</mrow>", Kind.Ord);
                }
                case "hspace" or "hspace*" or "kern" or "mkern" or "hskip":
                    return new Atom(Space(ParseLength(name == "kern" || name == "hskip" ? ReadLengthToken() : ReadRawGroup())), Kind.Space);
                case "label" or "nonumber" or "notag" or "limits" or "nolimits" or "mathstrut" or "strut" or "relax" or "nobreak" or "allowbreak":
                    if (name == "label") ReadRawGroup();
                    return null;
                case "tag" or "tag*":
                    return new Atom($"{Space(2)}<mtext>({Escape(ReadRawGroup())})</mtext>", Kind.Ord);
                case "end" or "right" or "middle":
                    Errors.Add($"'\\{name}' without its opening command");
                    return new Atom(ErrorText("\\" + name), Kind.Ord);
            }

            return Unknown_(_s[start.._p]);
        }

        private Atom SymbolAtom(string text, SymbolClass cls) => cls switch
        {
            SymbolClass.Ordinary => new Atom($"<mi>{Map(text)}</mi>", Kind.Ord),
            SymbolClass.UprightOrdinary => new Atom(
                _font is MathFont.Bold or MathFont.BoldItalic && LatexFonts.Map(text[0], _font) != text
                    ? $"<mi>{Map(text)}</mi>"
                    : $"<mi mathvariant=\"normal\">{Escape(text)}</mi>", Kind.Ord),
            SymbolClass.Binary => Mo(text, Kind.Bin),
            SymbolClass.Relation => Rel(text),
            SymbolClass.Delimiter => Delim(text, text is "{" or "\u27E8" or "\u230A" or "\u2308" or "[" ? Kind.Open
                                                 : text is "}" or "\u27E9" or "\u230B" or "\u2309" or "]" ? Kind.Close : Kind.Ord),
            SymbolClass.Punctuation => Mo(text, Kind.Punct),
            SymbolClass.BigOperator => new Atom($"<mo>{Escape(text)}</mo>", Kind.BigOp),
            SymbolClass.Integral => new Atom($"<mo>{Escape(text)}</mo>", Kind.BigOp) { Limits = false },
            _ => Mo(text, Kind.Ord),
        };

        private Atom ParseNot()
        {
            SkipSpace();
            if (AtEnd) { Errors.Add("\\not at the end"); return new Atom(ErrorText("\\not"), Kind.Ord); }
            string? target = null;
            if (_s[_p] == '\\')
            {
                var save = _p;
                var n = ReadCommandName();
                if (LatexSymbols.Symbols.TryGetValue(n, out var sym)) target = sym.Text;
                else _p = save;
            }
            else if (_s[_p] is '=' or '<' or '>')
            {
                target = _s[_p++].ToString();
            }
            if (target is null)
            {
                Errors.Add("\\not must be followed by a relation");
                return new Atom(ErrorText("\\not"), Kind.Ord);
            }
            var negated = target switch
            {
                "=" => "≠", "<" => "≮", ">" => "≯", "∈" => "∉", "≡" => "≢", "⊂" => "⊄", "⊆" => "⊈", "∼" => "≁",
                "≈" => "≉", "≤" => "≰", "≥" => "≱", "∣" => "∤", "∥" => "∦",
                _ => target + "\u0338",
            };
            return Rel(negated);
        }

        private string ReadLengthToken()
        {
            SkipSpace();
            var start = _p;
            while (_p < _s.Length && (char.IsAsciiLetterOrDigit(_s[_p]) || _s[_p] is '.' or '-')) _p++;
            return _s[start.._p];
        }

        private double ParseLength(string text)
        {
            var t = text.Trim();
            var i = 0;
            while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] is '.' or '-')) i++;
            if (!double.TryParse(t[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                Errors.Add($"cannot read the length '{text}'");
                return 0;
            }
            return t[i..].Trim() switch
            {
                "em" => v, "ex" => v * 0.43, "pt" => v / 10, "mu" => v / 18, "px" => v / 16, "cm" => v * 2.85, "mm" => v * 0.285, "in" => v * 7.2,
                _ => v / 10,
            };
        }

        /// <summary>A delimiter after \left, \right, \middle, \big: one character or a delimiter command; "." = none.</summary>
        private string? ReadDelimiter()
        {
            SkipSpace();
            if (AtEnd) { Errors.Add("missing delimiter at the end"); return null; }
            var c = _s[_p];
            if (c == '\\')
            {
                var save = _p;
                var name = ReadCommandName();
                if (LatexSymbols.DelimiterCommands.TryGetValue(name, out var d)) return d;
                _p = save;
                return null;
            }
            if (c is '(' or ')' or '[' or ']' or '|' or '/' or '.' or '<' or '>')
            {
                _p++;
                return c switch { '<' => "\u27E8", '>' => "\u27E9", '.' => "", _ => c.ToString() };
            }
            return null;
        }

        private static string Fence(string delim, string form) =>
            delim.Length == 0 ? "" : $"<mo fence=\"true\" form=\"{form}\" stretchy=\"true\" symmetric=\"true\" lspace=\"0\" rspace=\"0\">{Escape(delim)}</mo>";

        private Atom ParseLeftRight(int start)
        {
            var open = ReadDelimiter();
            if (open is null)
            {
                var bad = _s[start..Math.Min(_s.Length, _p + 1)];
                Errors.Add($"'\\left' needs a delimiter: '{bad}'");
                open = "";
            }
            var parts = new List<string> { Fence(open, "prefix") };
            while (true)
            {
                parts.AddRange(ParseItems(Stop.Right));
                if (AtEnd)
                {
                    Errors.Add("'\\left' without '\\right'");
                    break;
                }
                if (PeekCommand("middle"))
                {
                    ReadCommandName();
                    var mid = ReadDelimiter() ?? "";
                    parts.Add(mid.Length == 0 ? "" : $"<mo fence=\"true\" form=\"infix\" stretchy=\"true\" symmetric=\"true\">{Escape(mid)}</mo>");
                    continue;
                }
                if (PeekCommand("right"))
                {
                    ReadCommandName();
                    var close = ReadDelimiter();
                    if (close is null) { Errors.Add("'\\right' needs a delimiter"); close = ""; }
                    parts.Add(Fence(close, "postfix"));
                    break;
                }
                // Stopped at something that belongs to an outer construct (}, &, \\, \end).
                Errors.Add("'\\left' without '\\right'");
                break;
            }
            return new Atom("<mrow>" + string.Concat(parts) + "</mrow>", Kind.Inner);
        }

        private Atom ParseEnvironment(int start)
        {
            var env = ReadRawGroup().Trim();
            string? open = null, close = null;
            var align = "center";
            bool? displayCells = false;
            var alternating = false;
            List<string>? columnAligns = null;
            switch (env)
            {
                case "matrix": break;
                case "smallmatrix": break;
                case "pmatrix": open = "("; close = ")"; break;
                case "bmatrix": open = "["; close = "]"; break;
                case "Bmatrix": open = "{"; close = "}"; break;
                case "vmatrix": open = "|"; close = "|"; break;
                case "Vmatrix": open = "\u2016"; close = "\u2016"; break;
                case "cases": open = "{"; align = "left"; break;
                case "aligned" or "align" or "align*" or "split" or "alignat" or "alignat*" or "alignedat" or "eqnarray" or "eqnarray*":
                    alternating = true; displayCells = true;
                    if (env.StartsWith("alignat", StringComparison.Ordinal) || env == "alignedat") ReadRawGroup();
                    break;
                case "gathered" or "gather" or "gather*":
                    displayCells = true; break;
                case "equation" or "equation*" or "displaymath":
                {
                    var items = ParseItems(Stop.End);
                    ExpectEnd(env);
                    return new Atom(Row(items), Kind.Ord);
                }
                case "array" or "darray":
                {
                    var spec = ReadRawGroup();
                    columnAligns = spec.Where(ch => ch is 'l' or 'c' or 'r')
                        .Select(ch => ch == 'l' ? "left" : ch == 'r' ? "right" : "center").ToList();
                    break;
                }
                default:
                {
                    // Unknown environment: skip to its \end and show the source.
                    var endTag = "\\end{" + env + "}";
                    var endAt = _s.IndexOf(endTag, _p, StringComparison.Ordinal);
                    _p = endAt < 0 ? _s.Length : endAt + endTag.Length;
                    Unknown.Add("\\begin{" + env + "}");
                    return new Atom(ErrorText(_s[start.._p]), Kind.Ord);
                }
            }

            var savedStyle = _displayStyle;
            _displayStyle = displayCells ?? false;
            var rows = new List<List<string>>();
            var row = new List<string>();
            while (true)
            {
                SkipSpace();
                if (PeekCommand("hline")) { ReadCommandName(); continue; }
                row.Add(ParseSequence(Stop.Cell | Stop.Row | Stop.End));
                if (AtEnd) { Errors.Add($"'\\begin{{{env}}}' without '\\end{{{env}}}'"); break; }
                if (_s[_p] == '&') { _p++; continue; }
                if (Peek("\\\\"))
                {
                    _p += 2;
                    SkipOptionalBracket();
                    rows.Add(row);
                    row = [];
                    continue;
                }
                if (PeekCommand("end")) { ExpectEnd(env); break; }
                // A stray '}' or \right inside the environment.
                Errors.Add($"unexpected '{_s[_p]}' inside '{env}'");
                _p++;
            }
            _displayStyle = savedStyle;
            if (row.Count > 1 || (row.Count == 1 && row[0] != "<mrow></mrow>")) rows.Add(row);

            var sb = new StringBuilder();
            sb.Append("<mtable");
            if (displayCells == true) sb.Append(" displaystyle=\"true\"");
            if (env == "smallmatrix") sb.Append(" style=\"font-size:70%\"");
            sb.Append('>');
            foreach (var r in rows)
            {
                sb.Append("<mtr>");
                for (var i = 0; i < r.Count; i++)
                {
                    var a = alternating ? (i % 2 == 0 ? "right" : "left")
                          : columnAligns is { Count: > 0 } ? columnAligns[Math.Min(i, columnAligns.Count - 1)]
                          : align;
                    var pad = alternating ? (i % 2 == 0 ? "padding-right:0" : "padding-left:0") : "";
                    sb.Append("<mtd columnalign=\"").Append(a).Append("\" style=\"text-align:").Append(a)
                      .Append(pad.Length > 0 ? ";" + pad : "").Append("\">").Append(r[i]).Append("</mtd>");
                }
                sb.Append("</mtr>");
            }
            sb.Append("</mtable>");
            var table = sb.ToString();
            if (open is null && close is null) return new Atom(table, Kind.Inner);
            return new Atom("<mrow>" + Fence(open ?? "", "prefix") + table + Fence(close ?? "", "postfix") + "</mrow>", Kind.Inner);
        }

        private void ExpectEnd(string env)
        {
            if (!PeekCommand("end")) { Errors.Add($"'\\begin{{{env}}}' without '\\end{{{env}}}'"); return; }
            ReadCommandName();
            var name = ReadRawGroup().Trim();
            if (name != env) Errors.Add($"'\\begin{{{env}}}' ended by '\\end{{{name}}}'");
        }

        /// <summary>Sub/superscripts and primes after a base.</summary>
        private Atom ParseScripts(Atom baseAtom)
        {
            string? sub = null, sup = null;
            var primes = 0;
            while (true)
            {
                var save = _p;
                SkipSpace();
                if (AtEnd) { _p = save; break; }
                if (PeekCommand("limits") || PeekCommand("nolimits"))
                {
                    var n = ReadCommandName();
                    if (baseAtom.Kind is Kind.BigOp or Kind.Function) baseAtom.Limits = n == "limits";
                    continue;
                }
                var c = _s[_p];
                if (c == '\'')
                {
                    while (_p < _s.Length && _s[_p] == '\'') { primes++; _p++; }
                    continue;
                }
                if (c == '^' || c == '_')
                {
                    _p++;
                    _scriptLevel++;
                    var arg = ParseArgument(false);
                    _scriptLevel--;
                    if (c == '^')
                    {
                        if (sup is not null) Errors.Add("double superscript");
                        sup = sup is null ? arg : $"<mrow>{sup}{arg}</mrow>";
                    }
                    else
                    {
                        if (sub is not null) Errors.Add("double subscript");
                        sub = sub is null ? arg : $"<mrow>{sub}{arg}</mrow>";
                    }
                    continue;
                }
                _p = save;
                break;
            }

            if (primes > 0)
            {
                var p = primes switch { 1 => "\u2032", 2 => "\u2033", 3 => "\u2034", _ => new string('\u2032', primes) };
                sup = sup is null ? $"<mo>{p}</mo>" : $"<mrow><mo>{p}</mo>{sup}</mrow>";
            }
            if (sub is null && sup is null) return baseAtom;

            var b = baseAtom.Xml;
            if (baseAtom.BraceOver && sup is not null)
            {
                b = $"<mover>{b}{sup}</mover>";
                sup = null;
                if (sub is null) return new Atom(b, Kind.Ord);
            }
            if (baseAtom.BraceUnder && sub is not null)
            {
                b = $"<munder>{b}{sub}</munder>";
                sub = null;
                if (sup is null) return new Atom(b, Kind.Ord);
            }

            var underOver = baseAtom.Kind is Kind.BigOp or Kind.Function &&
                            (baseAtom.Limits ?? (_displayStyle && LimitsByDefault(baseAtom)));
            string xml;
            if (underOver)
            {
                xml = (sub, sup) switch
                {
                    (not null, not null) => $"<munderover>{b}{sub}{sup}</munderover>",
                    (not null, null) => $"<munder>{b}{sub}</munder>",
                    _ => $"<mover>{b}{sup}</mover>",
                };
            }
            else
            {
                xml = (sub, sup) switch
                {
                    (not null, not null) => $"<msubsup>{b}{sub}{sup}</msubsup>",
                    (not null, null) => $"<msub>{b}{sub}</msub>",
                    _ => $"<msup>{b}{sup}</msup>",
                };
            }
            return new Atom(xml, baseAtom.Kind == Kind.Function ? Kind.Function : baseAtom.Kind == Kind.BigOp ? Kind.BigOp : Kind.Ord);
        }

        private static bool LimitsByDefault(Atom a) => a.Limits is not false;

        /// <summary>\text{…}: an &lt;mtext&gt;, with any $…$ inside converted back to math.</summary>
        private string TextToMathML(string raw, string command)
        {
            var style = command switch
            {
                "textbf" => " style=\"font-weight:bold\"",
                "textit" => " style=\"font-style:italic\"",
                "texttt" => " style=\"font-family:monospace\"",
                "textsf" => " style=\"font-family:sans-serif\"",
                _ => "",
            };
            var parts = new List<string>();
            var text = new StringBuilder();
            void FlushText()
            {
                if (text.Length == 0) return;
                var t = text.ToString();
                // Keep the spaces at the ends (\text{ if }): HTML would collapse them.
                if (t.StartsWith(' ')) t = "\u00A0" + t[1..];
                if (t.EndsWith(' ')) t = t[..^1] + "\u00A0";
                parts.Add($"<mtext{style}>{Escape(t)}</mtext>");
                text.Clear();
            }

            for (var i = 0; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c == '$')
                {
                    var end = raw.IndexOf('$', i + 1);
                    if (end > i)
                    {
                        FlushText();
                        var inner = new Parser(raw[(i + 1)..end], false) { _depth = _depth + 1 };
                        parts.Add(inner.ParseTop());
                        Unknown.AddRange(inner.Unknown);
                        Errors.AddRange(inner.Errors);
                        i = end;
                        continue;
                    }
                }
                if (c == '\\' && i + 1 < raw.Length)
                {
                    var n = raw[i + 1];
                    if (n is '_' or '%' or '&' or '#' or '$' or '{' or '}' or ' ') { text.Append(n); i++; continue; }
                    if (n == ',') { text.Append('\u2009'); i++; continue; }
                    if (char.IsAsciiLetter(n))
                    {
                        var j = i + 1;
                        while (j < raw.Length && char.IsAsciiLetter(raw[j])) j++;
                        var cmd = raw[(i + 1)..j];
                        var lit = cmd switch
                        {
                            "textbackslash" => "\\", "ldots" or "dots" => "…", "quad" => "\u2003", "qquad" => "\u2003\u2003",
                            "textendash" => "–", "textemdash" => "—", "S" => "§",
                            _ => null,
                        };
                        if (lit is null)
                        {
                            Unknown.Add("\\" + cmd);
                            FlushText();
                            parts.Add(ErrorText("\\" + cmd));
                        }
                        else text.Append(lit);
                        i = j - 1;
                        continue;
                    }
                }
                if (c is '{' or '}') continue;
                text.Append(c == '~' ? '\u00A0' : c);
            }
            FlushText();
            return parts.Count == 1 ? parts[0] : Row(parts);
        }
    }

    private static string Row(List<string> items) => items.Count switch
    {
        0 => "<mrow></mrow>",
        1 => items[0],
        _ => "<mrow>" + string.Concat(items) + "</mrow>",
    };
}
