using LinReg.Solvers;

namespace LinReg.Notebook.Tests;

/// <summary>
/// The answers of notebook 15's exercises, each derived here independently of the answer table (the library's own
/// switch rule searched by brute force, the documented file layout measured on a real file, logarithms by hand),
/// then fed to the reader's check, which must say "correct"; a nearby wrong value must not.
/// </summary>
public class Exercises15Tests
{
    private static string Verdict(string id, double value) => Check.Verdict(Exercises.ById[id], value);

    // "✔ 15.1 correct" / "✘ 15.1 not yet …" (the words around the id are the checker's, tested in CheckTests)
    private static void AssertCorrect(string id, double value)
    {
        string v = Verdict(id, value);
        Assert.True(v.StartsWith('✔') && v.Contains($"{id} correct", StringComparison.Ordinal), v);
    }

    private static void AssertWrong(string id, double value)
    {
        string v = Verdict(id, value);
        Assert.True(v.StartsWith('✘') && v.Contains($"{id} not yet", StringComparison.Ordinal), v);
    }

    [Fact]
    public void Answer_15_1_SmallestStreamingD_ByAskingTheLibrary()
    {
        int d = 0;
        while (!LeastSquares.UsesStreamingPath(50_000, d, LeastSquaresMethod.RefinedQr, fitIntercept: true)) d++;

        AssertCorrect("15.1", d);
        AssertWrong("15.1", d - 1);
    }

    [Fact]
    public void Answer_15_2_RowFileBytes_FromTheBytesOfASmallRealFile()
    {
        // write a real file of 3 rows × 100 features and extrapolate its per-row size: header + n·rowBytes
        string path = Path.Combine(Path.GetTempPath(), "linreg-ex15-" + Guid.NewGuid().ToString("N") + ".lrrows");
        try
        {
            LinReg.Data.RowFile.Write(path, new double[300], 3, 100, [1.0, 2.0, 3.0]);
            long three = new FileInfo(path).Length;
            LinReg.Data.RowFile.Write(path, new double[100], 1, 100, [1.0]);
            long one = new FileInfo(path).Length;
            long perRow = (three - one) / 2, header = one - perRow;
            double bytes = header + 10_000_000.0 * perRow;

            AssertCorrect("15.2", bytes);
            AssertWrong("15.2", 10_000_000.0 * 8 * 100);   // forgetting y and the header
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Answer_15_3_DigitsLeft_ByHand()
    {
        // 16 − 2·6
        AssertCorrect("15.3", 16 - 2 * 6);
        AssertWrong("15.3", 10);   // the QR rule, 16 − log10 κ
    }
}
