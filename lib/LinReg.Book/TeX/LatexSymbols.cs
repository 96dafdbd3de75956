namespace LinReg.Book.TeX;

/// <summary>How a symbol takes part in a formula; decides the MathML element and the spacing around it.</summary>
internal enum SymbolClass
{
    /// <summary>An identifier or other ordinary symbol (<c>&lt;mi&gt;</c>).</summary>
    Ordinary,

    /// <summary>An upright ordinary symbol such as ∞ or ∇ (<c>&lt;mi mathvariant="normal"&gt;</c>).</summary>
    UprightOrdinary,

    /// <summary>A binary operator such as + or × (<c>&lt;mo&gt;</c>).</summary>
    Binary,

    /// <summary>A relation such as = or ∈ (<c>&lt;mo form="infix"&gt;</c>).</summary>
    Relation,

    /// <summary>A delimiter such as ( or ‖, not stretched unless it comes with \left/\right/\big.</summary>
    Delimiter,

    /// <summary>Punctuation such as , or …</summary>
    Punctuation,

    /// <summary>A large operator whose limits go under/over in display style (∑, ∏).</summary>
    BigOperator,

    /// <summary>A large operator whose limits stay at the side (∫).</summary>
    Integral,
}

/// <summary>The symbol, function and font tables used by <see cref="LatexToMathML"/>.</summary>
internal static class LatexSymbols
{
    /// <summary>Single-symbol commands: command name (without backslash) → (character(s), class).</summary>
    public static readonly IReadOnlyDictionary<string, (string Text, SymbolClass Class)> Symbols = BuildSymbols();

    /// <summary>Upright function names rendered as-is (\log x), with <c>true</c> when the name takes limits
    /// under it in display style (\min, \lim).</summary>
    public static readonly IReadOnlyDictionary<string, bool> Functions = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["log"] = false, ["ln"] = false, ["lg"] = false, ["exp"] = false,
        ["sin"] = false, ["cos"] = false, ["tan"] = false, ["cot"] = false, ["sec"] = false, ["csc"] = false,
        ["sinh"] = false, ["cosh"] = false, ["tanh"] = false, ["coth"] = false,
        ["arcsin"] = false, ["arccos"] = false, ["arctan"] = false,
        ["arg"] = false, ["deg"] = false, ["det"] = true, ["dim"] = false, ["ker"] = false, ["hom"] = false,
        ["gcd"] = true, ["Pr"] = true,
        ["min"] = true, ["max"] = true, ["sup"] = true, ["inf"] = true,
        ["lim"] = true, ["liminf"] = true, ["limsup"] = true,
        ["argmin"] = true, ["argmax"] = true,
    };

    /// <summary>Accent commands: name → (accent character, stretchy, under).</summary>
    public static readonly IReadOnlyDictionary<string, (string Mark, bool Stretchy, bool Under)> Accents =
        new Dictionary<string, (string, bool, bool)>(StringComparer.Ordinal)
        {
            ["hat"] = ("^", false, false),
            ["widehat"] = ("^", true, false),
            ["bar"] = ("\u00AF", false, false),
            ["overline"] = ("\u203E", true, false),
            ["underline"] = ("\u203E", true, true),
            ["tilde"] = ("~", false, false),
            ["widetilde"] = ("~", true, false),
            ["vec"] = ("\u2192", false, false),
            ["overrightarrow"] = ("\u2192", true, false),
            ["overleftarrow"] = ("\u2190", true, false),
            ["dot"] = ("\u02D9", false, false),
            ["ddot"] = ("\u00A8", false, false),
            ["check"] = ("\u02C7", false, false),
            ["breve"] = ("\u02D8", false, false),
            ["acute"] = ("\u00B4", false, false),
            ["grave"] = ("`", false, false),
            ["mathring"] = ("\u02DA", false, false),
        };

    /// <summary>Explicit spacing commands → width in em.</summary>
    public static readonly IReadOnlyDictionary<string, double> Spaces = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [","] = 3.0 / 18, ["thinspace"] = 3.0 / 18,
        [":"] = 4.0 / 18, [">"] = 4.0 / 18, ["medspace"] = 4.0 / 18,
        [";"] = 5.0 / 18, ["thickspace"] = 5.0 / 18,
        ["!"] = -3.0 / 18, ["negthinspace"] = -3.0 / 18,
        [" "] = 1.0 / 3, ["space"] = 1.0 / 3, ["enspace"] = 0.5,
        ["quad"] = 1.0, ["qquad"] = 2.0,
    };

    /// <summary>Sizes of \big, \Big, \bigg, \Bigg (and their l/r/m variants) in em.</summary>
    public static readonly IReadOnlyDictionary<string, double> BigSizes = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["big"] = 1.2, ["bigl"] = 1.2, ["bigr"] = 1.2, ["bigm"] = 1.2,
        ["Big"] = 1.8, ["Bigl"] = 1.8, ["Bigr"] = 1.8, ["Bigm"] = 1.8,
        ["bigg"] = 2.4, ["biggl"] = 2.4, ["biggr"] = 2.4, ["biggm"] = 2.4,
        ["Bigg"] = 3.0, ["Biggl"] = 3.0, ["Biggr"] = 3.0, ["Biggm"] = 3.0,
    };

    /// <summary>Commands that may follow \left, \right, \big…: name → delimiter character.</summary>
    public static readonly IReadOnlyDictionary<string, string> DelimiterCommands = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["{"] = "{", ["}"] = "}", ["lbrace"] = "{", ["rbrace"] = "}",
        ["lbrack"] = "[", ["rbrack"] = "]",
        ["langle"] = "\u27E8", ["rangle"] = "\u27E9",
        ["lvert"] = "|", ["rvert"] = "|", ["vert"] = "|",
        ["lVert"] = "\u2016", ["rVert"] = "\u2016", ["Vert"] = "\u2016", ["|"] = "\u2016",
        ["lfloor"] = "\u230A", ["rfloor"] = "\u230B", ["lceil"] = "\u2308", ["rceil"] = "\u2309",
        ["uparrow"] = "\u2191", ["downarrow"] = "\u2193", ["backslash"] = "\\",
    };

    private static Dictionary<string, (string, SymbolClass)> BuildSymbols()
    {
        var d = new Dictionary<string, (string, SymbolClass)>(StringComparer.Ordinal);
        void Add(SymbolClass c, params (string Name, string Text)[] items)
        {
            foreach (var (name, text) in items) d[name] = (text, c);
        }

        Add(SymbolClass.Ordinary,
            ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("epsilon", "\u03F5"), ("varepsilon", "ε"),
            ("zeta", "ζ"), ("eta", "η"), ("theta", "θ"), ("vartheta", "ϑ"), ("iota", "ι"), ("kappa", "κ"),
            ("lambda", "λ"), ("mu", "μ"), ("nu", "ν"), ("xi", "ξ"), ("omicron", "ο"), ("pi", "π"), ("varpi", "ϖ"),
            ("rho", "ρ"), ("varrho", "ϱ"), ("sigma", "σ"), ("varsigma", "ς"), ("tau", "τ"), ("upsilon", "υ"),
            ("phi", "\u03D5"), ("varphi", "φ"), ("chi", "χ"), ("psi", "ψ"), ("omega", "ω"),
            ("ell", "ℓ"), ("imath", "ı"), ("jmath", "ȷ"), ("wp", "℘"));
        Add(SymbolClass.UprightOrdinary,
            ("Gamma", "Γ"), ("Delta", "Δ"), ("Theta", "Θ"), ("Lambda", "Λ"), ("Xi", "Ξ"), ("Pi", "Π"),
            ("Sigma", "Σ"), ("Upsilon", "Υ"), ("Phi", "Φ"), ("Psi", "Ψ"), ("Omega", "Ω"),
            ("infty", "∞"), ("nabla", "∇"), ("partial", "∂"), ("hbar", "ℏ"), ("emptyset", "∅"), ("varnothing", "∅"),
            ("top", "⊤"), ("bot", "⊥"), ("forall", "∀"), ("exists", "∃"), ("nexists", "∄"), ("neg", "¬"), ("lnot", "¬"),
            ("aleph", "ℵ"), ("Re", "ℜ"), ("Im", "ℑ"), ("prime", "′"), ("angle", "∠"), ("triangle", "△"),
            ("checkmark", "✓"), ("dagger", "†"), ("ddagger", "‡"), ("S", "§"), ("P", "¶"),
            ("_", "_"), ("%", "%"), ("&", "&"), ("#", "#"), ("$", "$"));
        Add(SymbolClass.Binary,
            ("cdot", "⋅"), ("times", "×"), ("div", "÷"), ("pm", "±"), ("mp", "∓"), ("ast", "∗"), ("star", "⋆"),
            ("circ", "∘"), ("bullet", "∙"), ("oplus", "⊕"), ("ominus", "⊖"), ("otimes", "⊗"), ("odot", "⊙"),
            ("oslash", "⊘"), ("cup", "∪"), ("cap", "∩"), ("setminus", "∖"), ("wedge", "∧"), ("land", "∧"),
            ("vee", "∨"), ("lor", "∨"), ("sqcup", "⊔"), ("sqcap", "⊓"), ("uplus", "⊎"), ("amalg", "⨿"));
        Add(SymbolClass.Relation,
            ("in", "∈"), ("notin", "∉"), ("ni", "∋"), ("le", "≤"), ("leq", "≤"), ("ge", "≥"), ("geq", "≥"),
            ("leqslant", "⩽"), ("geqslant", "⩾"), ("neq", "≠"), ("ne", "≠"), ("approx", "≈"), ("sim", "∼"),
            ("simeq", "≃"), ("cong", "≅"), ("equiv", "≡"), ("propto", "∝"), ("ll", "≪"), ("gg", "≫"),
            ("prec", "≺"), ("succ", "≻"), ("preceq", "⪯"), ("succeq", "⪰"),
            ("leftarrow", "←"), ("gets", "←"), ("rightarrow", "→"), ("to", "→"), ("leftrightarrow", "↔"),
            ("Leftarrow", "⇐"), ("Rightarrow", "⇒"), ("Leftrightarrow", "⇔"), ("iff", "⟺"), ("implies", "⟹"),
            ("impliedby", "⟸"), ("longrightarrow", "⟶"), ("longleftarrow", "⟵"), ("Longrightarrow", "⟹"),
            ("Longleftarrow", "⟸"), ("mapsto", "↦"), ("longmapsto", "⟼"), ("uparrow", "↑"), ("downarrow", "↓"),
            ("nearrow", "↗"), ("searrow", "↘"),
            ("subset", "⊂"), ("subseteq", "⊆"), ("supset", "⊃"), ("supseteq", "⊇"), ("subsetneq", "⊊"),
            ("mid", "∣"), ("nmid", "∤"), ("parallel", "∥"), ("perp", "⊥"), ("models", "⊨"), ("vdash", "⊢"),
            ("coloneqq", "≔"), ("triangleq", "≜"), ("doteq", "≐"), ("asymp", "≍"));
        Add(SymbolClass.Punctuation,
            ("ldots", "…"), ("dots", "…"), ("dotsc", "…"), ("cdots", "⋯"), ("dotsb", "⋯"), ("vdots", "⋮"),
            ("ddots", "⋱"), ("colon", ":"));
        Add(SymbolClass.BigOperator,
            ("sum", "∑"), ("prod", "∏"), ("coprod", "∐"), ("bigcup", "⋃"), ("bigcap", "⋂"), ("bigoplus", "⨁"),
            ("bigotimes", "⨂"), ("bigodot", "⨀"), ("bigvee", "⋁"), ("bigwedge", "⋀"), ("biguplus", "⨄"));
        Add(SymbolClass.Integral,
            ("int", "∫"), ("iint", "∬"), ("iiint", "∭"), ("oint", "∮"));
        foreach (var (name, ch) in DelimiterPairs()) d[name] = (ch, SymbolClass.Delimiter);
        return d;
    }

    private static IEnumerable<(string, string)> DelimiterPairs()
    {
        yield return ("{", "{");
        yield return ("}", "}");
        yield return ("lbrace", "{");
        yield return ("rbrace", "}");
        yield return ("lbrack", "[");
        yield return ("rbrack", "]");
        yield return ("langle", "\u27E8");
        yield return ("rangle", "\u27E9");
        yield return ("lvert", "|");
        yield return ("rvert", "|");
        yield return ("vert", "|");
        yield return ("lVert", "\u2016");
        yield return ("rVert", "\u2016");
        yield return ("Vert", "\u2016");
        yield return ("|", "\u2016");
        yield return ("lfloor", "\u230A");
        yield return ("rfloor", "\u230B");
        yield return ("lceil", "\u2308");
        yield return ("rceil", "\u2309");
        yield return ("backslash", "\\");
    }
}
