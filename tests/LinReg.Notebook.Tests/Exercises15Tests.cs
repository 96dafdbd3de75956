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

    [Fact]
    public void Answer_15_1_SmallestStreamingD_ByAskingTheLibrary()
    {
        int d = 0;
        while (!LeastSquares.UsesStreamingPath(50_000, d, LeastSquaresMethod.RefinedQr, fitIntercept: true)) d++;

        Assert.Equal("✔ 15.1 correct", Verdict("15.1", d));
        Assert.StartsWith("✘ 15.1", Verdict("15.1", d - 1));
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

            Assert.Equal("✔ 15.2 correct", Verdict("15.2", bytes));
            Assert.StartsWith("✘ 15.2", Verdict("15.2", 10_000_000.0 * 8 * 100));   // forgetting y and the header
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
        Assert.Equal("✔ 15.3 correct", Verdict("15.3", 16 - 2 * 6));
        Assert.StartsWith("✘ 15.3", Verdict("15.3", 10));   // the QR rule, 16 − log10 κ
    }
}
