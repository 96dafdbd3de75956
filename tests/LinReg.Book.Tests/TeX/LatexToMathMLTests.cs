using System.Xml.Linq;
using LinReg.Book.TeX;

namespace LinReg.Book.Tests.TeX;

/// <summary>
/// The LaTeX → MathML converter. Expected structures are the MathML Core elements that the TeX constructs mean
/// (e.g. TeX's \frac{a}{b} is &lt;mfrac&gt;a b&lt;/mfrac&gt;; \sum with limits in display style is
/// &lt;munderover&gt;), written out by hand from the MathML Core specification, not taken from the converter.
/// </summary>
public class LatexToMathMLTests
{
    /// <summary>Parses the output (it must be well-formed XML) and returns the formula body inside &lt;semantics&gt;.</summary>
    private static XElement Body(string latex, bool display = true)
    {
        var r = LatexToMathML.Convert(latex, display);
        Assert.True(r.IsClean, $"'{latex}': unknown {string.Join(",", r.UnknownCommands)}; errors {string.Join(",", r.Errors)}");
        return BodyOf(r);
    }

    private static XElement BodyOf(MathConversion r)
    {
        var math = XElement.Parse(r.MathML);
        Assert.Equal("math", math.Name.LocalName);
        var semantics = Assert.Single(math.Elements());
        Assert.Equal("semantics", semantics.Name.LocalName);
        var children = semantics.Elements().ToList();
        Assert.Equal(2, children.Count);
        Assert.Equal("annotation", children[1].Name.LocalName);
        return children[0];
    }

    /// <summary>Element names and text of a tree, as a compact string: mfrac(mn:1,mi:n).</summary>
    private static string Shape(XElement e)
    {
        var kids = e.Elements().ToList();
        if (kids.Count == 0) return e.Value.Length == 0 ? e.Name.LocalName : $"{e.Name.LocalName}:{e.Value}";
        return $"{e.Name.LocalName}({string.Join(",", kids.Select(Shape))})";
    }

    [Fact]
    public void Convert_Frac_ProducesMfracWithNumeratorThenDenominator()
    {
        Assert.Equal("mfrac(mn:1,mi:n)", Shape(Body(@"\frac{1}{n}")));
        Assert.Equal("mfrac(mrow(mi:∂,msub(mi:ℓ,mi:i)),mrow(mi:∂,mi:w))", Shape(Body(@"\frac{\partial \ell_i}{\partial w}")));
    }

    [Fact]
    public void Convert_FracWithoutBraces_TakesOneTokenPerArgument()
    {
        Assert.Equal("mfrac(mn:1,mn:2)", Shape(Body(@"\frac12")));
    }

    [Fact]
    public void Convert_SubAndSuperscript_ProducesMsubsupInEitherOrder()
    {
        Assert.Equal("msubsup(mi:x,mi:i,mn:2)", Shape(Body("x_i^2")));
        Assert.Equal("msubsup(mi:x,mi:i,mn:2)", Shape(Body("x^2_i")));
        Assert.Equal("msub(mi:w,mtext:new)", Shape(Body(@"w_{\text{new}}")));
        Assert.Equal("msup(mi:X,mrow(mo:−,mn:1))", Shape(Body("X^{-1}")));
    }

    [Fact]
    public void Convert_ScriptArgumentWithoutBraces_IsOneCharacter()
    {
        // TeX: x^23 is x² followed by 3.
        Assert.Equal("mrow(msup(mi:x,mn:2),mn:3)", Shape(Body("x^23")));
    }

    [Fact]
    public void Convert_Prime_BecomesSuperscriptPrime()
    {
        Assert.Equal("msup(mi:f,mo:′)", Shape(Body("f'")));
        Assert.Equal("msup(mi:w,mo:∗)", Shape(Body("w^*")));
    }

    [Fact]
    public void Convert_Hat_ProducesAccentMoverOverTheBase()
    {
        var body = Body(@"\hat{y}_i");
        Assert.Equal("msub(mover(mi:y,mo:^),mi:i)", Shape(body));
        Assert.Equal("true", body.Element("mover")!.Attribute("accent")!.Value);
        Assert.Equal("mover(mi:x,mo:¯)", Shape(Body(@"\bar{x}")));
        Assert.Equal("mover(mi:z,mo:~)", Shape(Body(@"\tilde z")));
    }

    [Fact]
    public void Convert_BMatrix_ProducesBracketsAroundTableWithRowsAndCells()
    {
        var body = Body(@"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}");
        Assert.Equal("mrow(mo:[,mtable(mtr(mtd(mn:1),mtd(mn:2)),mtr(mtd(mn:3),mtd(mn:4))),mo:])", Shape(body));
        var open = body.Elements("mo").First();
        Assert.Equal("true", open.Attribute("stretchy")!.Value);
    }

    [Fact]
    public void Convert_ColumnVectorAndRowVector_HaveTheRightShape()
    {
        Assert.Equal("mrow(mo:[,mtable(mtr(mtd(mn:1)),mtr(mtd(mn:2))),mo:])", Shape(Body(@"\begin{bmatrix} 1 \\ 2 \end{bmatrix}")));
        Assert.Equal("mrow(mo:(,mtable(mtr(mtd(mi:a),mtd(mi:b))),mo:))", Shape(Body(@"\begin{pmatrix} a & b \end{pmatrix}")));
        // A trailing \\ does not make an empty row.
        Assert.Equal("mtable(mtr(mtd(mi:a)))", Shape(Body(@"\begin{matrix} a \\ \end{matrix}")));
    }

    [Fact]
    public void Convert_Aligned_AlignsColumnsRightThenLeft()
    {
        var body = Body(@"\begin{aligned} a &= b + c \\ &= d \end{aligned}");
        Assert.Equal("mtable", body.Name.LocalName);
        var rows = body.Elements("mtr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["right", "left"], rows[0].Elements("mtd").Select(c => c.Attribute("columnalign")!.Value));
        Assert.Equal("mrow(mo:=,mi:b,mo:+,mi:c)", Shape(rows[0].Elements("mtd").ElementAt(1).Elements().Single()));
    }

    [Fact]
    public void Convert_SumInDisplayAndInline_PutsLimitsUnderOverOrAtTheSide()
    {
        Assert.Equal("munderover(mo:∑,mrow(mi:i,mo:=,mn:1),mi:n)", Shape(Body(@"\sum_{i=1}^n", display: true)));
        Assert.Equal("msubsup(mo:∑,mrow(mi:i,mo:=,mn:1),mi:n)", Shape(Body(@"\sum_{i=1}^n", display: false)));
        Assert.Equal("munderover(mo:∏,mrow(mi:i,mo:=,mn:1),mi:n)", Shape(Body(@"\prod_{i=1}^n")));
        Assert.Equal("msubsup(mo:∫,mn:0,mn:1)", Shape(Body(@"\int_0^1")));
    }

    [Fact]
    public void Convert_ArgMinAndMin_AreUprightOperatorsWithLimitsBelowInDisplay()
    {
        Assert.Equal("munder(mi:arg\u2009min,mi:w)", Shape(Body(@"\arg\min_w")));
        Assert.Equal("msub(mi:min,mi:w)", Shape(Body(@"\min_w", display: false)));
        Assert.Equal("mrow(mi:log,mspace,mi:x)", Shape(Body(@"\log x")));
        Assert.Equal("mrow(mi:exp,mo:(,mi:x,mo:))", Shape(Body(@"\exp(x)")));
        Assert.Equal("mi:MSE", Shape(Body(@"\operatorname{MSE}")));
    }

    [Fact]
    public void Convert_MinusWithNothingToItsLeft_IsUnaryWithoutSpaces()
    {
        // TeX turns a binary operator after a relation or an opening delimiter into an ordinary symbol.
        var eq = Body("a = -5");
        var minus = eq.Elements("mo").Single(mo => mo.Value == "\u2212");
        Assert.Equal("0", minus.Attribute("lspace")!.Value);
        Assert.Equal("0", minus.Attribute("rspace")!.Value);
        var paren = Body("0.1(-2)").Elements("mo").Single(mo => mo.Value == "\u2212");
        Assert.Equal("0", paren.Attribute("lspace")!.Value);
        // Between two operands it stays binary (the browser's operator spacing applies).
        var binary = Body("a - b").Elements("mo").Single(mo => mo.Value == "\u2212");
        Assert.Null(binary.Attribute("lspace"));
    }

    [Fact]
    public void Convert_RelationInsideAScript_HasNoSpaces()
    {
        // TeX sets no space around relations in script style: the i∈B under a sum is tight.
        var sum = Body(@"\sum_{i \in B}");
        var rel = sum.Descendants("mo").Single(mo => mo.Value == "∈");
        Assert.Equal("0", rel.Attribute("lspace")!.Value);
        Assert.Null(Body(@"i \in B").Elements("mo").Single().Attribute("lspace"));
    }

    [Fact]
    public void Convert_Sqrt_ProducesMsqrtOrMroot()
    {
        Assert.Equal("msqrt(mn:2)", Shape(Body(@"\sqrt{2}")));
        Assert.Equal("mroot(mi:x,mn:3)", Shape(Body(@"\sqrt[3]{x}")));
    }

    [Fact]
    public void Convert_Fonts_UseMathematicalAlphanumericCodePoints()
    {
        // Code points from the Unicode chart "Mathematical Alphanumeric Symbols" (U+1D400–U+1D7FF) and
        // Letterlike Symbols: 𝐱 U+1D431, ℝ U+211D, 𝒩 U+1D4A9, ℒ U+2112, 𝔼 U+1D53C, 𝜷 U+1D737.
        Assert.Equal("mi:\U0001D431", Shape(Body(@"\mathbf{x}")));
        Assert.Equal("msup(mi:\u211D,mi:d)", Shape(Body(@"\mathbb{R}^d")));
        Assert.Equal("mi:\U0001D4A9", Shape(Body(@"\mathcal{N}")));
        Assert.Equal("mi:\u2112", Shape(Body(@"\mathcal{L}")));
        Assert.Equal("mi:\U0001D53C", Shape(Body(@"\mathbb{E}")));
        Assert.Equal("mi:\U0001D737", Shape(Body(@"\boldsymbol{\beta}")));
        var d = Body(@"\mathrm{d}");
        Assert.Equal("normal", d.Attribute("mathvariant")!.Value);
    }

    [Fact]
    public void Convert_GreekAndSymbols_MapToUnicode()
    {
        Assert.Equal("mrow(mi:η,mi:σ,mi:\u03F5,mi:ℓ)", Shape(Body(@"\eta \sigma \epsilon \ell")));
        var sigma = Body(@"\Sigma");
        Assert.Equal("mi:Σ", Shape(sigma));
        Assert.Equal("normal", sigma.Attribute("mathvariant")!.Value);
        Assert.Equal("mrow(mi:∇,mi:∞,mo:∈,mo:←,mo:→,mo:≈,mo:≤,mo:≥,mo:≠,mo:⋅,mo:×,mo:∣,mo:∼)",
            Shape(Body(@"\nabla \infty \in \leftarrow \to \approx \le \ge \neq \cdot \times \mid \sim")));
        Assert.Equal("msup(mi:X,mi:⊤)", Shape(Body(@"X^\top")));
    }

    [Fact]
    public void Convert_LeftRight_ProducesStretchyFences()
    {
        var body = Body(@"\left( \frac{a}{b} \right)");
        Assert.Equal("mrow(mo:(,mfrac(mi:a,mi:b),mo:))", Shape(body));
        Assert.All(body.Elements("mo"), mo => Assert.Equal("true", mo.Attribute("stretchy")!.Value));
        Assert.Equal("mrow(mo:‖,mi:w,mo:‖)", Shape(Body(@"\left\lVert w \right\rVert")));
        Assert.Equal("mrow(mo:‖,mi:w,mo:‖)", Shape(Body(@"\lVert w \rVert")));
    }

    [Fact]
    public void Convert_Spacing_ProducesMspaceOfTheTeXWidths()
    {
        // TeX: \, = 3mu, \quad = 1em, \qquad = 2em (18mu = 1em).
        var body = Body(@"a \qquad b \quad c \, d");
        var widths = body.Elements("mspace").Select(s => s.Attribute("width")!.Value).ToList();
        Assert.Equal(["2em", "1em", "0.1667em"], widths);
    }

    [Fact]
    public void Convert_UnknownCommand_RendersSourceInRedAndReportsIt()
    {
        var r = LatexToMathML.Convert(@"\foo{x} + 1", display: false);
        Assert.Equal([@"\foo"], r.UnknownCommands);
        Assert.False(r.IsClean);
        var body = BodyOf(r);
        var mtext = body.Descendants("mtext").Single();
        Assert.Equal(@"\foo", mtext.Value);
        Assert.Contains("color:#c00", mtext.Attribute("style")!.Value);
        Assert.Contains("monospace", mtext.Attribute("style")!.Value);
        // The rest of the formula is still typeset.
        Assert.Contains(body.Descendants("mo"), mo => mo.Value == "+");
    }

    [Fact]
    public void Convert_UnknownEnvironment_IsReportedAndShownAsSource()
    {
        var r = LatexToMathML.Convert(@"\begin{tikzcd} a \end{tikzcd} + b", display: true);
        Assert.Equal([@"\begin{tikzcd}"], r.UnknownCommands);
        Assert.Contains(@"\begin{tikzcd} a \end{tikzcd}", BodyOf(r).Descendants("mtext").Single().Value);
    }

    [Theory]
    [InlineData(@"\frac{1}{2")]
    [InlineData(@"}")]
    [InlineData(@"{{{{")]
    [InlineData(@"\")]
    [InlineData(@"^^__")]
    [InlineData(@"\left( x")]
    [InlineData(@"x \right)")]
    [InlineData(@"\begin{bmatrix} 1 & 2")]
    [InlineData(@"\begin{bmatrix} 1 \end{pmatrix}")]
    [InlineData(@"a & b")]
    [InlineData(@"\sqrt[3")]
    [InlineData(@"\end{aligned}")]
    [InlineData(@"\text{unclosed")]
    public void Convert_MalformedInput_ReportsAnErrorWithoutThrowing(string latex)
    {
        var r = LatexToMathML.Convert(latex, display: true);
        Assert.False(r.IsClean, $"'{latex}' should report a problem");
        XElement.Parse(r.MathML); // still well-formed
    }

    [Fact]
    public void Convert_DeepNesting_DoesNotOverflowTheStack()
    {
        var latex = new string('{', 5000) + "x" + new string('}', 5000);
        var r = LatexToMathML.Convert(latex, display: true);
        Assert.Contains(r.Errors, e => e.Contains("nested", StringComparison.Ordinal));
    }

    [Fact]
    public void Convert_RandomCharacterSoup_NeverThrowsAndIsWellFormed()
    {
        // Property: any string of TeX-ish characters gives well-formed MathML. Seeded for reproducibility.
        var rng = new Random(20240601);
        const string alphabet = @"\{}[]()^_&$%'~ax1.=+-|<>#";
        string[] words = [@"\frac", @"\left", @"\right", @"\begin{bmatrix}", @"\end{bmatrix}", @"\\", @"\hat", @"\sum", @"\text{", @"\sqrt["];
        for (var n = 0; n < 2000; n++)
        {
            var sb = new System.Text.StringBuilder();
            var len = rng.Next(1, 30);
            for (var i = 0; i < len; i++)
            {
                if (rng.Next(4) == 0) sb.Append(words[rng.Next(words.Length)]);
                else sb.Append(alphabet[rng.Next(alphabet.Length)]);
            }
            var latex = sb.ToString();
            var r = LatexToMathML.Convert(latex, rng.Next(2) == 0);
            try
            {
                XElement.Parse(r.MathML);
            }
            catch (System.Xml.XmlException ex)
            {
                Assert.Fail($"'{latex}' gave malformed MathML: {ex.Message}\n{r.MathML}");
            }
        }
    }

    [Fact]
    public void Convert_SpecialCharacters_AreEscapedInTheMarkupAndTheAnnotation()
    {
        var r = LatexToMathML.Convert(@"a < b \text{ & } c > d", display: false);
        Assert.Contains("&lt;", r.MathML);
        Assert.Contains("&gt;", r.MathML);
        var math = XElement.Parse(r.MathML);
        Assert.Equal(@"a < b \text{ & } c > d", math.Descendants("annotation").Single().Value);
        Assert.Equal("application/x-tex", math.Descendants("annotation").Single().Attribute("encoding")!.Value);
    }

    [Fact]
    public void Convert_Display_SetsTheDisplayAttribute()
    {
        Assert.Equal("block", XElement.Parse(LatexToMathML.Convert("x", true).MathML).Attribute("display")!.Value);
        Assert.Null(XElement.Parse(LatexToMathML.Convert("x", false).MathML).Attribute("display"));
    }

    [Fact]
    public void Convert_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => LatexToMathML.Convert(null!, true));
    }

    /// <summary>Every formula of the chapter the book teaches (typed in from the seed text) converts cleanly.</summary>
    [Theory]
    [InlineData(@"x_i \in \mathbb{R}^d")]
    [InlineData(@"\hat{y}_i = x_i^T w + b,")]
    [InlineData(@"\hat{y} = Xw + b.")]
    [InlineData(@"X \in \mathbb{R}^{n \times d}")]
    [InlineData(@"\ell_i(w,b) = \frac{1}{2}(\hat{y}_i - y_i)^2.")]
    [InlineData(@"L(w,b) = \frac{1}{n}\sum_{i=1}^n \ell_i(w,b).")]
    [InlineData(@"w \leftarrow w - \eta \frac{1}{|B|}\sum_{i \in B}\nabla_w \ell_i(w,b), \qquad b \leftarrow b - \eta \frac{1}{|B|}\sum_{i \in B}\nabla_b \ell_i(w,b).")]
    [InlineData(@"w^* = (X^T X)^{-1}X^T y.")]
    [InlineData(@"\frac{\partial \ell_i}{\partial w} = (\hat{y}_i - y_i)x_i, \qquad \frac{\partial \ell_i}{\partial b} = \hat{y}_i - y_i.")]
    [InlineData(@"\nabla_w L_B = \frac{1}{|B|}X_B^T r_B, \qquad \nabla_b L_B = \frac{1}{|B|}\sum_{i \in B} r_i.")]
    [InlineData(@"y = x^T w + b + \epsilon")]
    [InlineData(@"\epsilon \sim \mathcal{N}(0,\sigma^2)")]
    [InlineData(@"L_B = \frac{1}{2|B|}\sum_{i \in B}(\hat{y}_i-y_i)^2.")]
    [InlineData(@"w_{\text{new}} = 1 - 0.1(-5) = 1.5, \qquad b_{\text{new}} = 0 - 0.1(-2) = 0.2.")]
    [InlineData(@"X = \begin{bmatrix} 1 \\ 2 \end{bmatrix}, \qquad y = \begin{bmatrix} 3 \\ 5 \end{bmatrix}.")]
    [InlineData(@"X^T X = \begin{bmatrix} 1 & 2 \end{bmatrix} \begin{bmatrix} 1 \\ 2 \end{bmatrix} = 1^2 + 2^2 = 5.")]
    [InlineData(@"w^* = 5^{-1}13 = 2.6.")]
    [InlineData(@"X^T r = 1(-0.4)+2(0.2)=0")]
    [InlineData(@"\hat{w} = \arg\min_{w} \frac{1}{n}\lVert Xw - y \rVert_2^2, \quad \mathbb{E}[\hat{w}] = w")]
    [InlineData(@"\left( \sum_{i} x_i \right) \cdot \tilde{z} \approx \bar{x} \le \infty, \quad \prod_{i=1}^n p(y_i \mid x_i)")]
    [InlineData(@"\operatorname{RMSE} = \sqrt{\operatorname{MSE}}, \quad R^2 = 1 - \frac{\sum_i r_i^2}{\sum_i (y_i - \bar{y})^2}")]
    [InlineData(@"\begin{aligned} \mathcal{L}(w) &= \log \exp(x) \\ &\ge 0 \end{aligned}")]
    public void Convert_ChapterFormulas_AreClean(string latex)
    {
        var r = LatexToMathML.Convert(latex, display: true);
        Assert.True(r.IsClean, $"unknown {string.Join(",", r.UnknownCommands)}; errors {string.Join(",", r.Errors)}");
        XElement.Parse(r.MathML);
    }
}
