using System.Text;

namespace LinReg.Book.TeX;

/// <summary>The math alphabets selected by \mathbf, \mathbb, \mathcal, ….</summary>
internal enum MathFont
{
    /// <summary>No font command: single letters italic, digits upright.</summary>
    Default,

    /// <summary>\mathrm, \operatorname: upright.</summary>
    Roman,

    /// <summary>\mathit: italic.</summary>
    Italic,

    /// <summary>\mathbf: bold upright.</summary>
    Bold,

    /// <summary>\boldsymbol, \bm: bold italic.</summary>
    BoldItalic,

    /// <summary>\mathbb: double-struck.</summary>
    DoubleStruck,

    /// <summary>\mathcal, \mathscr: script.</summary>
    Script,

    /// <summary>\mathfrak: fraktur.</summary>
    Fraktur,

    /// <summary>\mathsf: sans-serif.</summary>
    SansSerif,

    /// <summary>\mathtt: monospace.</summary>
    Monospace,
}

/// <summary>
/// Maps letters and digits to the Unicode Mathematical Alphanumeric Symbols block (U+1D400–U+1D7FF). MathML Core
/// (what Chromium implements) supports only <c>mathvariant="normal"</c>, so bold, double-struck, script… letters
/// must be written as these code points.
/// </summary>
internal static class LatexFonts
{
    /// <summary>Font commands → font.</summary>
    public static readonly IReadOnlyDictionary<string, MathFont> Commands = new Dictionary<string, MathFont>(StringComparer.Ordinal)
    {
        ["mathrm"] = MathFont.Roman, ["mathup"] = MathFont.Roman, ["mathit"] = MathFont.Italic,
        ["mathbf"] = MathFont.Bold, ["boldsymbol"] = MathFont.BoldItalic, ["bm"] = MathFont.BoldItalic,
        ["mathbb"] = MathFont.DoubleStruck, ["mathcal"] = MathFont.Script, ["mathscr"] = MathFont.Script,
        ["mathfrak"] = MathFont.Fraktur, ["mathsf"] = MathFont.SansSerif, ["mathtt"] = MathFont.Monospace,
    };

    private static readonly Dictionary<(MathFont, char), int> Holes = new()
    {
        [(MathFont.Italic, 'h')] = 0x210E,
        [(MathFont.Script, 'B')] = 0x212C, [(MathFont.Script, 'E')] = 0x2130, [(MathFont.Script, 'F')] = 0x2131,
        [(MathFont.Script, 'H')] = 0x210B, [(MathFont.Script, 'I')] = 0x2110, [(MathFont.Script, 'L')] = 0x2112,
        [(MathFont.Script, 'M')] = 0x2133, [(MathFont.Script, 'R')] = 0x211B, [(MathFont.Script, 'e')] = 0x212F,
        [(MathFont.Script, 'g')] = 0x210A, [(MathFont.Script, 'o')] = 0x2134,
        [(MathFont.Fraktur, 'C')] = 0x212D, [(MathFont.Fraktur, 'H')] = 0x210C, [(MathFont.Fraktur, 'I')] = 0x2111,
        [(MathFont.Fraktur, 'R')] = 0x211C, [(MathFont.Fraktur, 'Z')] = 0x2128,
        [(MathFont.DoubleStruck, 'C')] = 0x2102, [(MathFont.DoubleStruck, 'H')] = 0x210D,
        [(MathFont.DoubleStruck, 'N')] = 0x2115, [(MathFont.DoubleStruck, 'P')] = 0x2119,
        [(MathFont.DoubleStruck, 'Q')] = 0x211A, [(MathFont.DoubleStruck, 'R')] = 0x211D,
        [(MathFont.DoubleStruck, 'Z')] = 0x2124,
    };

    /// <summary>True when the font changes letters into other code points (everything but Default/Roman).</summary>
    public static bool Remaps(MathFont font) => font is not (MathFont.Default or MathFont.Roman);

    /// <summary>The character <paramref name="c"/> written in <paramref name="font"/> (unchanged where the font has no
    /// such letter).</summary>
    public static string Map(char c, MathFont font)
    {
        if (Holes.TryGetValue((font, c), out var hole)) return char.ConvertFromUtf32(hole);
        int? cp = font switch
        {
            MathFont.Italic => Latin(c, 0x1D434, 0x1D44E) ?? Greek(c, 0x1D6E2),
            MathFont.Bold => Latin(c, 0x1D400, 0x1D41A) ?? Digit(c, 0x1D7CE) ?? GreekCapital(c, 0x1D6A8),
            MathFont.BoldItalic => Latin(c, 0x1D468, 0x1D482) ?? Digit(c, 0x1D7CE) ?? Greek(c, 0x1D71C),
            MathFont.DoubleStruck => Latin(c, 0x1D538, 0x1D552) ?? Digit(c, 0x1D7D8),
            MathFont.Script => Latin(c, 0x1D49C, 0x1D4B6),
            MathFont.Fraktur => Latin(c, 0x1D504, 0x1D51E),
            MathFont.SansSerif => Latin(c, 0x1D5A0, 0x1D5BA) ?? Digit(c, 0x1D7E2),
            MathFont.Monospace => Latin(c, 0x1D670, 0x1D68A) ?? Digit(c, 0x1D7F6),
            _ => null,
        };
        return cp is { } v ? char.ConvertFromUtf32(v) : c.ToString();
    }

    /// <summary>Maps every character of <paramref name="text"/>.</summary>
    public static string Map(string text, MathFont font)
    {
        if (!Remaps(font)) return text;
        var sb = new StringBuilder(text.Length * 2);
        foreach (var c in text) sb.Append(Map(c, font));
        return sb.ToString();
    }

    private static int? Latin(char c, int capitalA, int smallA) =>
        c is >= 'A' and <= 'Z' ? capitalA + (c - 'A') : c is >= 'a' and <= 'z' ? smallA + (c - 'a') : null;

    private static int? Digit(char c, int zero) => c is >= '0' and <= '9' ? zero + (c - '0') : null;

    // The Greek runs of the block: 25 capitals (U+0391–U+03A9, with ϴ in the slot of the unassigned U+03A2),
    // then ∇, then 25 small letters (U+03B1–U+03C9), then ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
    private static int? GreekCapital(char c, int capitalAlpha) =>
        c is >= '\u0391' and <= '\u03A9' and not '\u03A2' ? capitalAlpha + (c - '\u0391') : null;

    private static int? Greek(char c, int capitalAlpha)
    {
        if (GreekCapital(c, capitalAlpha) is { } cap) return cap;
        if (c is >= '\u03B1' and <= '\u03C9') return capitalAlpha + 26 + (c - '\u03B1');
        var tail = "\u2202\u03F5\u03D1\u03F0\u03D5\u03F1\u03D6".IndexOf(c);
        return tail >= 0 ? capitalAlpha + 51 + tail : null;
    }
}
