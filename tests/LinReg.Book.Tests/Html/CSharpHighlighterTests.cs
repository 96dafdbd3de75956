using System.Net;
using System.Text.RegularExpressions;
using LinReg.Book.Html;

namespace LinReg.Book.Tests.Html;

/// <summary>The C# highlighter: token classes decided by the C# language rules, and lossless HTML escaping.</summary>
public partial class CSharpHighlighterTests
{
    /// <summary>(class, text) of every span, in order.</summary>
    private static List<(string Class, string Text)> Spans(string code) =>
        SpanRegex().Matches(CSharpHighlighter.Highlight(code))
            .Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .ToList();

    /// <summary>The highlighted HTML with the markup removed and entities decoded: must equal the source.</summary>
    private static string RoundTrip(string code) =>
        WebUtility.HtmlDecode(TagRegex().Replace(CSharpHighlighter.Highlight(code), ""));

    [GeneratedRegex("<span class=\"tok-([a-z]+)\">([^<]*)</span>")]
    private static partial Regex SpanRegex();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();

    [Fact]
    public void Highlight_Keywords_AreMarkedAndIdentifiersAreNot()
    {
        var spans = Spans("var model = new Linear(2); foreach (var x in xs) await Task.Yield();");
        Assert.Contains(("kw", "var"), spans);
        Assert.Contains(("kw", "new"), spans);
        Assert.Contains(("kw", "foreach"), spans);
        Assert.Contains(("kw", "in"), spans);
        Assert.Contains(("kw", "await"), spans);
        Assert.Contains(("fn", "Linear"), spans);
        Assert.Contains(("fn", "Yield"), spans);
        Assert.DoesNotContain(spans, s => s.Text is "model" or "xs" or "Task");
    }

    [Fact]
    public void Highlight_RegularString_WithEscapedQuote_IsOneStringToken()
    {
        Assert.Equal([("str", "\"a \\\" b\"")], Spans("\"a \\\" b\""));
    }

    [Fact]
    public void Highlight_VerbatimString_WithDoubledQuotesAndBackslashes_IsOneStringToken()
    {
        const string code = "@\"C:\\data \"\"q\"\" \\\"";
        Assert.Equal([("str", code)], Spans(code));
    }

    [Fact]
    public void Highlight_InterpolatedString_HighlightsTheHoleAsCode()
    {
        var spans = Spans("$\"loss = {loss + 1:F3} {{not a hole}}\"");
        Assert.Equal(("str", "$\"loss = {"), spans[0]);
        Assert.Contains(("num", "1"), spans);
        Assert.Equal(("str", "} {{not a hole}}\""), spans[^1]);
        Assert.Equal("$\"loss = {loss + 1:F3} {{not a hole}}\"", RoundTrip("$\"loss = {loss + 1:F3} {{not a hole}}\""));
    }

    [Fact]
    public void Highlight_InterpolatedVerbatimString_IsRecognised()
    {
        var spans = Spans("$@\"{dir}\\file\"");
        Assert.Equal(("str", "$@\"{"), spans[0]);
        Assert.Equal(("str", "}\\file\""), spans[^1]);
    }

    [Fact]
    public void Highlight_RawStringLiteral_IsOneStringToken()
    {
        const string code = "\"\"\"\nraw \"quoted\" text\n\"\"\"";
        Assert.Equal([("str", code)], Spans(code));
    }

    [Fact]
    public void Highlight_CharLiterals_AreStrings()
    {
        Assert.Equal([("str", "'\\''"), ("str", "'x'")], Spans("'\\'' + 'x'").Where(s => s.Class == "str").ToList());
    }

    [Fact]
    public void Highlight_Comments_AreMarkedAndEscaped()
    {
        var spans = Spans("x = 1; // a <b> & c\n/* block\n comment */ y");
        Assert.Contains(("com", "// a <b> & c"), spans);
        Assert.Contains(("com", "/* block\n comment */"), spans);
        Assert.Contains("&lt;b&gt; &amp; c", CSharpHighlighter.Highlight("// a <b> & c"));
    }

    [Fact]
    public void Highlight_Numbers_IncludeExponentsHexAndSuffixes()
    {
        var nums = Spans("f(1.5e-3, 0x1F, 10UL, 2f, 1_000, .5, 3)").Where(s => s.Class == "num").Select(s => s.Text);
        Assert.Equal(["1.5e-3", "0x1F", "10UL", "2f", "1_000", ".5", "3"], nums);
    }

    [Fact]
    public void Highlight_IdentifierWithDigits_IsNotANumber()
    {
        Assert.DoesNotContain(Spans("var x1 = y2;"), s => s.Class == "num");
    }

    [Fact]
    public void Highlight_NotebookDirectives_AreMarkedAsWholeLines()
    {
        var spans = Spans("#r \"nuget: Plotly.NET, 6.0.0\"\n#!csharp\n#load \"../setup.csx\"\nvar a = 1;");
        Assert.Equal(("dir", "#r \"nuget: Plotly.NET, 6.0.0\""), spans[0]);
        Assert.Equal(("dir", "#!csharp"), spans[1]);
        Assert.Equal(("dir", "#load \"../setup.csx\""), spans[2]);
        Assert.Equal(("kw", "var"), spans[3]);
    }

    [Fact]
    public void Highlight_HashInsideALine_IsNotADirective()
    {
        Assert.DoesNotContain(Spans("var s = a # b;"), s => s.Class == "dir");
    }

    [Theory]
    [InlineData("if (a < b && c > d) { return \"<script>\"; }")]
    [InlineData("var s = \"unterminated\nnext line")]
    [InlineData("/* unterminated comment")]
    [InlineData("$\"{unterminated")]
    [InlineData("\"\"\"raw without end")]
    [InlineData("var t = $$\"\"\"{{x}} {y}\"\"\";")]
    [InlineData("@ $ ' \\ \"")]
    [InlineData("")]
    public void Highlight_AnyInput_RoundTripsToTheSourceAndIsEscaped(string code)
    {
        Assert.Equal(code, RoundTrip(code));
        var withoutSpans = TagRegex().Replace(CSharpHighlighter.Highlight(code), "");
        Assert.DoesNotContain('<', withoutSpans);
        Assert.DoesNotContain('>', withoutSpans);
    }

    [Fact]
    public void Highlight_RandomInput_AlwaysRoundTrips()
    {
        // Property over seeded random C#-ish text: highlighting never loses or invents characters.
        var rng = new Random(7);
        const string alphabet = "ab1 .\"'@${}/*#\n\\<>&;(x)e_\t";
        for (var n = 0; n < 3000; n++)
        {
            var chars = new char[rng.Next(0, 40)];
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[rng.Next(alphabet.Length)];
            var code = new string(chars);
            Assert.Equal(code, RoundTrip(code));
        }
    }

    [Fact]
    public void Highlight_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => CSharpHighlighter.Highlight(null!));
    }
}
