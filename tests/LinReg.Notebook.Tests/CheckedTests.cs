namespace LinReg.Notebook.Tests;

[Collection(ConsoleCollection.Name)]
public class CheckedTests
{
    [Fact]
    public void Equal_Right_PrintsATickLine()
    {
        var output = ConsoleCapture.Run(() => Checked.Equal("w after one step", 1.5, 1 - 0.1 * -5));
        Assert.Equal("✔ w after one step = 1.5 (expected 1.5)" + Environment.NewLine, output);
    }

    [Fact]
    public void Equal_Wrong_ThrowsQuotingExpectedAndActualAndPrintsNothing()
    {
        var output = ConsoleCapture.Run(() => Checked.Equal("b after one step", 0.2, 0.25), out var thrown);

        var ex = Assert.IsType<CheckFailedException>(thrown);
        Assert.Equal("b after one step", ex.What);
        Assert.Contains("expected 0.2, got 0.25", ex.Message);
        Assert.Contains("tolerance 1E-12", ex.Message);
        Assert.Empty(output);
    }

    [Fact]
    public void Equal_Tolerance_IsAnAbsoluteBound()
    {
        ConsoleCapture.Run(() => Checked.Equal("x", 2.6, 2.6000001, tolerance: 1e-6), out var within);
        Assert.Null(within);
        ConsoleCapture.Run(() => Checked.Equal("x", 2.6, 2.6001, tolerance: 1e-6), out var outside);
        Assert.IsType<CheckFailedException>(outside);
        // worked example 2: w* = 13/5; the division of two exact integers rounds to the same double as the literal 2.6
        ConsoleCapture.Run(() => Checked.Equal("w*", 2.6, 13.0 / 5.0), out var exact);
        Assert.Null(exact);
    }

    [Fact]
    public void Equal_NaNActual_Fails()
    {
        ConsoleCapture.Run(() => Checked.Equal("x", 1, double.NaN), out var thrown);
        Assert.Contains("got NaN", Assert.IsType<CheckFailedException>(thrown).Message);
    }

    [Fact]
    public void Equal_BadArguments_Throw()
    {
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Checked.Equal("x", 1, 1, -1)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Checked.Equal("x", 1, 1, double.NaN)).ParamName);
        Assert.Equal("expected", Assert.Throws<ArgumentOutOfRangeException>(() => Checked.Equal("x", double.NaN, 1)).ParamName);
        Assert.Throws<ArgumentNullException>(() => Checked.Equal(null!, 1, 1));
    }

    [Fact]
    public void EqualArray_Right_PrintsBothVectors()
    {
        // Worked example 2: residuals of w* = 2.6 are (2.6 − 3, 5.2 − 5) = (−0.4, 0.2) (floating point: within 1e-12).
        var output = ConsoleCapture.Run(() => Checked.Equal("residuals", [-0.4, 0.2], [2.6 * 1 - 3, 2.6 * 2 - 5]));
        Assert.StartsWith("✔ residuals = (", output);
        Assert.Contains("(expected (-0.4, 0.2))", output);
    }

    [Fact]
    public void EqualArray_WrongElement_ThrowsNamingTheIndex()
    {
        var ex = Assert.Throws<CheckFailedException>(() => Checked.Equal("r", [-0.4, 0.2], [-0.4, 0.3]));
        Assert.Contains("element 1 expected 0.2, got 0.3", ex.Message);
        Assert.Contains("expected (-0.4, 0.2), got (-0.4, 0.3)", ex.Message);
    }

    [Fact]
    public void EqualArray_WrongLength_Throws()
    {
        var ex = Assert.Throws<CheckFailedException>(() => Checked.Equal("r", [1.0, 2.0], [1.0]));
        Assert.Contains("expected 2 values (1, 2), got 1 values (1)", ex.Message);
        Assert.Throws<ArgumentNullException>(() => Checked.Equal("r", [1.0], null!));
    }
}
