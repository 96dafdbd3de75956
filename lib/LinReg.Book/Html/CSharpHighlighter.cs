using System.Text;

namespace LinReg.Book.Html;

/// <summary>
/// A small C# syntax highlighter for notebook cells: wraps keywords, strings (regular, verbatim, interpolated,
/// raw), character literals, comments, numbers, preprocessor lines and notebook directives (<c>#r</c>, <c>#!</c>,
/// <c>#load</c>) in <c>&lt;span class="tok-…"&gt;</c>; everything is HTML-escaped.
/// </summary>
/// <remarks>
/// Classes: <c>tok-kw</c> keyword, <c>tok-str</c> string/char, <c>tok-com</c> comment, <c>tok-num</c> number,
/// <c>tok-dir</c> directive/preprocessor line, <c>tok-fn</c> identifier followed by <c>(</c>,
/// (types are not guessed: a tokenizer cannot know them). Interpolation holes (<c>{expr}</c>) are highlighted as code. Never throws;
/// unterminated strings and comments run to the end of the line/cell.
/// </remarks>
public static class CSharpHighlighter
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        // contextual keywords
        "add", "and", "alias", "ascending", "async", "await", "by", "descending", "dynamic", "equals", "file",
        "from", "get", "global", "group", "init", "into", "join", "let", "managed", "nameof", "nint", "not",
        "notnull", "nuint", "on", "or", "orderby", "partial", "record", "remove", "required", "scoped", "select",
        "set", "unmanaged", "value", "var", "when", "where", "with", "yield",
    };

    /// <summary>Highlights a cell's source.</summary>
    /// <param name="code">C# source (may contain notebook directives).</param>
    /// <returns>HTML (no wrapping element): escaped text with <c>&lt;span class="tok-…"&gt;</c> markup.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    public static string Highlight(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var sb = new StringBuilder(code.Length * 2);
        new Scanner(code, sb).Run(0, code.Length);
        return sb.ToString();
    }

    private sealed class Scanner(string s, StringBuilder o)
    {
        private void Span(string cls, int start, int end)
        {
            if (end <= start) return;
            o.Append("<span class=\"tok-").Append(cls).Append("\">");
            o.Append(HtmlText.Escape(s[start..end]));
            o.Append("</span>");
        }

        private void Plain(int start, int end)
        {
            if (end > start) o.Append(HtmlText.Escape(s[start..end]));
        }

        private bool AtLineStart(int i)
        {
            for (var j = i - 1; j >= 0; j--)
            {
                if (s[j] == '\n') return true;
                if (s[j] is not (' ' or '\t' or '\r')) return false;
            }
            return true;
        }

        private int LineEnd(int i)
        {
            var e = s.IndexOf('\n', i);
            return e < 0 ? s.Length : e;
        }

        /// <summary>Highlights s[from..to).</summary>
        public void Run(int from, int to)
        {
            var i = from;
            while (i < to)
            {
                var c = s[i];
                var next = i + 1 < to ? s[i + 1] : '\0';

                if (c == '#' && AtLineStart(i))
                {
                    var e = Math.Min(LineEnd(i), to);
                    Span("dir", i, e);
                    i = e;
                    continue;
                }
                if (c == '/' && next == '/')
                {
                    var e = Math.Min(LineEnd(i), to);
                    Span("com", i, e);
                    i = e;
                    continue;
                }
                if (c == '/' && next == '*')
                {
                    var e = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    e = e < 0 || e + 2 > to ? to : e + 2;
                    Span("com", i, e);
                    i = e;
                    continue;
                }
                if (c is '"' or '$' or '@' && TryString(ref i, to)) continue;
                if (c == '\'')
                {
                    var e = i + 1;
                    while (e < to && s[e] != '\'' && s[e] != '\n') e += s[e] == '\\' ? 2 : 1;
                    e = Math.Min(e + 1, to);
                    Span("str", i, e);
                    i = e;
                    continue;
                }
                if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next) && (i == from || !IsIdent(s[i - 1]))))
                {
                    var e = ScanNumber(i, to);
                    Span("num", i, e);
                    i = e;
                    continue;
                }
                if (char.IsLetter(c) || c == '_' || (c == '@' && (char.IsLetter(next) || next == '_')))
                {
                    var e = i + 1;
                    while (e < to && IsIdent(s[e])) e++;
                    var word = s[i..e];
                    var k = e;
                    while (k < to && s[k] is ' ' or '\t') k++;
                    if (Keywords.Contains(word)) Span("kw", i, e);
                    else if (k < to && (s[k] == '(' || (s[k] == '<' && LooksGenericCall(k, to)))) Span("fn", i, e);
                    else Plain(i, e);
                    i = e;
                    continue;
                }
                // Anything else: one character of punctuation/whitespace.
                var j = i + 1;
                while (j < to && !StartsToken(j, to)) j++;
                Plain(i, j);
                i = j;
            }
        }

        private bool StartsToken(int j, int to)
        {
            var c = s[j];
            return char.IsLetterOrDigit(c) || c is '_' or '"' or '\'' or '/' or '#' or '$' or '@' or '.';
        }

        private static bool IsIdent(char c) => char.IsLetterOrDigit(c) || c == '_';

        /// <summary>Foo&lt;T&gt;( … — a generic method call.</summary>
        private bool LooksGenericCall(int lt, int to)
        {
            var depth = 0;
            for (var k = lt; k < to && k < lt + 200; k++)
            {
                var c = s[k];
                if (c == '<') depth++;
                else if (c == '>')
                {
                    if (--depth == 0) return k + 1 < to && s[k + 1] == '(';
                }
                else if (!(IsIdent(c) || c is ',' or ' ' or '.' or '[' or ']' or '?')) return false;
            }
            return false;
        }

        private int ScanNumber(int i, int to)
        {
            var e = i;
            if (s[e] == '0' && e + 1 < to && s[e + 1] is 'x' or 'X' or 'b' or 'B')
            {
                e += 2;
                while (e < to && (char.IsAsciiHexDigit(s[e]) || s[e] == '_')) e++;
            }
            else
            {
                while (e < to && (char.IsAsciiDigit(s[e]) || s[e] == '_')) e++;
                if (e + 1 < to && s[e] == '.' && char.IsAsciiDigit(s[e + 1]))
                {
                    e++;
                    while (e < to && (char.IsAsciiDigit(s[e]) || s[e] == '_')) e++;
                }
                if (e < to && s[e] is 'e' or 'E')
                {
                    var k = e + 1;
                    if (k < to && s[k] is '+' or '-') k++;
                    if (k < to && char.IsAsciiDigit(s[k]))
                    {
                        e = k;
                        while (e < to && char.IsAsciiDigit(s[e])) e++;
                    }
                }
            }
            while (e < to && s[e] is 'f' or 'F' or 'd' or 'D' or 'm' or 'M' or 'u' or 'U' or 'l' or 'L') e++;
            return e;
        }

        /// <summary>Strings: "…", @"…", $"…", $@"…", @$"…", """raw""", $"""…""" (any number of $).</summary>
        private bool TryString(ref int i, int to)
        {
            var k = i;
            var dollars = 0;
            var verbatim = false;
            while (k < to && (s[k] == '$' || s[k] == '@'))
            {
                if (s[k] == '$') dollars++;
                else if (verbatim) return false;
                else verbatim = true;
                k++;
            }
            if (k >= to || s[k] != '"') return false;

            var quotes = 0;
            while (k + quotes < to && s[k + quotes] == '"') quotes++;
            if (quotes >= 3 && !verbatim)
            {
                // Raw string literal: ends at the same number of quotes.
                var close = new string('"', quotes);
                var bodyStart = k + quotes;
                var end = s.IndexOf(close, bodyStart, StringComparison.Ordinal);
                var bodyEnd = end < 0 || end > to ? to : end;
                var stop = end < 0 || end > to ? to : end + quotes;
                if (dollars == 0) { Span("str", i, stop); i = stop; return true; }
                Interpolated(i, bodyStart, bodyEnd, stop, dollars, rawOrVerbatim: true);
                i = stop;
                return true;
            }
            if (quotes == 2 && !verbatim && dollars == 0)
            {
                Span("str", i, k + 2); // ""
                i = k + 2;
                return true;
            }

            // Regular or verbatim body: find the closing quote.
            var p = k + 1;
            while (p < to)
            {
                var c = s[p];
                if (verbatim && c == '"')
                {
                    if (p + 1 < to && s[p + 1] == '"') { p += 2; continue; }
                    break;
                }
                if (!verbatim && c == '\\') { p += 2; continue; }
                if (!verbatim && (c == '"' || c == '\n')) break;
                if (dollars > 0 && c == '{')
                {
                    if (p + 1 < to && s[p + 1] == '{') { p += 2; continue; }
                    p = SkipHole(p, to);
                    continue;
                }
                p++;
            }
            var closeAt = Math.Min(p, to);
            var stopAt = closeAt < to && s[closeAt] == '"' ? closeAt + 1 : closeAt;
            if (dollars == 0) Span("str", i, stopAt);
            else Interpolated(i, k + 1, closeAt, stopAt, 1, verbatim);
            i = stopAt;
            return true;
        }

        /// <summary>Position after the interpolation hole that starts at the '{' at <paramref name="p"/>.</summary>
        private int SkipHole(int p, int to)
        {
            var depth = 0;
            for (var q = p; q < to; q++)
            {
                var c = s[q];
                if (c == '{') depth++;
                else if (c == '}' && --depth == 0) return q + 1;
                else if (c == '"')
                {
                    // A nested string inside the hole: skip it.
                    q++;
                    while (q < to && s[q] != '"' && s[q] != '\n') q += s[q] == '\\' ? 2 : 1;
                }
            }
            return to;
        }

        private void Interpolated(int start, int bodyStart, int bodyEnd, int stop, int dollars, bool rawOrVerbatim)
        {
            var braces = new string('{', dollars);
            var segStart = start;
            var p = bodyStart;
            while (p < bodyEnd)
            {
                if (s[p] == '\\' && !rawOrVerbatim) { p += 2; continue; }
                if (string.CompareOrdinal(s, p, braces, 0, dollars) == 0)
                {
                    if (dollars == 1 && p + 1 < bodyEnd && s[p + 1] == '{') { p += 2; continue; }
                    // Text up to and including the opening braces, then the expression as code.
                    var open = p + dollars;
                    Span("str", segStart, open);
                    var holeEnd = SkipHole(p + dollars - 1, bodyEnd);
                    var exprEnd = Math.Max(open, holeEnd - 1);
                    // Format specifier ":F3" stays code-coloured; good enough for a book.
                    Run(open, exprEnd);
                    segStart = exprEnd;
                    p = Math.Max(holeEnd, exprEnd + 1);
                    continue;
                }
                p++;
            }
            Span("str", segStart, stop);
        }
    }
}
