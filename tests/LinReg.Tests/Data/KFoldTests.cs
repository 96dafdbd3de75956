using CsCheck;
using LinReg.Data;

namespace LinReg.Tests.Data;

/// <summary>
/// KFold: the folds partition the rows (each row validates exactly once, training = the complement), sizes differ by
/// at most one, the same seed gives the same folds, and bad arguments are refused with the argument's name.
/// </summary>
public class KFoldTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    [Fact]
    public void Folds_AnyRowsFoldsAndSeed_PartitionTheRowsWithSizesWithinOne()
    {
        Gen.Int[2, 300].SelectMany(n => Gen.Select(Gen.Const(n), Gen.Int[2, n], Gen.Int)).Sample((n, k, seed) =>
        {
            var folds = new KFold(n, k, seed);
            var validatedIn = new int[n];
            Array.Fill(validatedIn, -1);
            for (int f = 0; f < k; f++)
            {
                int[] valid = folds.ValidationIndices(f), train = folds.TrainingIndices(f);
                foreach (int i in valid)
                {
                    Assert.Equal(-1, validatedIn[i]);          // in no other validation fold
                    validatedIn[i] = f;
                    Assert.Equal(f, folds.FoldOf(i));
                }
                // training = every row not in this fold, each once, ascending
                Assert.Equal(Enumerable.Range(0, n).Where(i => !valid.Contains(i)).ToArray(), train);
                Assert.True(valid.Zip(valid.Skip(1), (a, b) => a < b).All(ok => ok), "validation indices ascending");
            }
            Assert.DoesNotContain(-1, validatedIn);            // every row validates exactly once
            var sizes = folds.FoldSizes;
            Assert.Equal(n, sizes.Sum());
            Assert.True(sizes.Max() - sizes.Min() <= 1, $"sizes {string.Join(",", sizes)}");
            // the larger folds come first: n mod K of them have ⌈n/K⌉ rows
            for (int f = 0; f < k; f++) Assert.Equal(n / k + (f < n % k ? 1 : 0), sizes[f]);
        }, iter: 300, seed: Seed);
    }

    [Fact]
    public void Folds_SameSeed_SameFolds_OtherSeed_OtherFolds()
    {
        var a = new KFold(100, 5, seed: 7);
        var b = new KFold(100, 5, seed: 7);
        var c = new KFold(100, 5, seed: 8);
        for (int f = 0; f < 5; f++) Assert.Equal(a.ValidationIndices(f), b.ValidationIndices(f));
        Assert.NotEqual(a.ValidationIndices(0), c.ValidationIndices(0));
    }

    [Fact]
    public void Folds_AreShuffled_NotConsecutiveBlocks()
    {
        // Without the shuffle fold 0 would be rows 0–19. The chance that a shuffle puts exactly those 20 rows in the
        // first fold is 1/C(100, 20) ≈ 2e-21, and none of the first five seeds does.
        for (int seed = 0; seed < 5; seed++)
            Assert.NotEqual(Enumerable.Range(0, 20).ToArray(), new KFold(100, 5, seed).ValidationIndices(0));
    }

    [Fact]
    public void Folds_ShuffleIsFisherYatesOnRandomSeed_CutInOrder()
    {
        // The documented construction, written out independently: Fisher–Yates with Random(seed), cut into folds of
        // sizes 3, 3, 2 (n = 8, K = 3).
        var order = Enumerable.Range(0, 8).ToArray();
        var rng = new Random(11);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var folds = new KFold(8, 3, seed: 11);
        Assert.Equal(order[..3].Order().ToArray(), folds.ValidationIndices(0));
        Assert.Equal(order[3..6].Order().ToArray(), folds.ValidationIndices(1));
        Assert.Equal(order[6..].Order().ToArray(), folds.ValidationIndices(2));
    }

    [Fact]
    public void LeaveOneOut_FoldsEqualRows_EveryFoldHasOneRow()
    {
        var folds = new KFold(6, 6, seed: 0);
        Assert.All(folds.FoldSizes, s => Assert.Equal(1, s));
        Assert.Equal(Enumerable.Range(0, 6), Enumerable.Range(0, 6).SelectMany(folds.ValidationIndices).Order());
    }

    [Fact]
    public void Split_GivesTheRowsOfTheFold_AndTheRest()
    {
        var data = new Dataset(Enumerable.Range(0, 20).Select(i => (double)i).ToArray(), Enumerable.Range(0, 10).Select(i => 100.0 + i).ToArray(), 2);
        var folds = new KFold(10, 4, seed: 3);
        var splits = folds.Splits(data);
        Assert.Equal(4, splits.Count);
        for (int f = 0; f < 4; f++)
        {
            var (train, valid) = splits[f];
            Assert.Equal(folds.ValidationIndices(f).Select(i => 100.0 + i), valid.Y);
            Assert.Equal(folds.TrainingIndices(f).Select(i => 100.0 + i), train.Y);
            // features travel with their targets: row i is (2i, 2i + 1)
            for (int r = 0; r < valid.Count; r++) Assert.Equal(2 * (valid.Y[r] - 100), valid.Row(r)[0]);
        }
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 100.0 + i), splits.SelectMany(s => s.Validation.Y).Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructor_FewerThanTwoFolds_ThrowsNamingFolds(int k)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new KFold(10, k, seed: 0));
        Assert.Equal("folds", ex.ParamName);
        Assert.Contains($"got folds = {k}", ex.Message);
    }

    [Fact]
    public void Constructor_MoreFoldsThanRows_ThrowsNamingRows()
    {
        var ex = Assert.Throws<ArgumentException>(() => new KFold(3, 5, seed: 0));
        Assert.Equal("rows", ex.ParamName);
        Assert.Contains("3 rows into 5 folds", ex.Message);
    }

    [Fact]
    public void Methods_BadFoldRowOrDataset_ThrowNamingTheArgument()
    {
        var folds = new KFold(10, 5, seed: 0);
        Assert.Equal("fold", Assert.Throws<ArgumentOutOfRangeException>(() => folds.ValidationIndices(5)).ParamName);
        Assert.Equal("fold", Assert.Throws<ArgumentOutOfRangeException>(() => folds.TrainingIndices(-1)).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentOutOfRangeException>(() => folds.FoldOf(10)).ParamName);
        var nine = new Dataset(new double[9], new double[9], 1);
        var ex = Assert.Throws<ArgumentException>(() => folds.Splits(nine));
        Assert.Equal("data", ex.ParamName);
        Assert.Contains("10 rows but the dataset has 9", ex.Message);
        Assert.Throws<ArgumentNullException>(() => folds.Split(null!, 0));
    }

    [Fact]
    public void ToString_NamesFoldsRowsSizesAndSeed()
    {
        Assert.Equal("3 folds of 8 rows (sizes 3, 3, 2), seed 11", new KFold(8, 3, seed: 11).ToString());
    }
}
