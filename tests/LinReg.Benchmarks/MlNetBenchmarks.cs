using BenchmarkDotNet.Attributes;
using LinReg.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace LinReg.Benchmarks;

/// <summary>
/// The ML.NET 5.0.1 peers on the same n = 1e6, d = 100 data (converted once to float32 and cached in an IDataView,
/// outside the timing): OnlineGradientDescent for one epoch at lr 0.03, and Sdca with its default stopping rule.
/// Time = Fit; the "Reached" column shows the RMSE of the fitted model on the training data (computed once, in double).
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class MlNetBenchmarks
{
    public const int D = 100;

    public sealed class Row
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private MLContext _ml = null!;
    private IDataView _view = null!;
    private Dataset _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = Workload.Get(Workload.N, D);
        _ml = new MLContext(seed: 0);
        var rows = new Row[_data.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            var f = new float[D];
            for (int j = 0; j < D; j++) f[j] = (float)_data.X[i * D + j];
            rows[i] = new Row { Features = f, Label = (float)_data.Y[i] };
        }
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, D);
        _view = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(rows, schema));
        // materialize the cache now, outside the timing
        using (var cursor = _view.GetRowCursor(_view.Schema))
            while (cursor.MoveNext()) { }
        if (!QualityColumn.Values.ContainsKey(QualityColumn.Key(nameof(MlNetOnlineGradientDescent))))
        {
            QualityColumn.Set(Rmse(OnlineGradientDescent()), nameof(MlNetOnlineGradientDescent));
            QualityColumn.Set(Rmse(Sdca()), nameof(MlNetSdca));
        }
    }

    private ITransformer OnlineGradientDescent() =>
        _ml.Regression.Trainers.OnlineGradientDescent(nameof(Row.Label), nameof(Row.Features), learningRate: 0.03f, numberOfIterations: 1)
            .Fit(_view);

    private ITransformer Sdca() => _ml.Regression.Trainers.Sdca(nameof(Row.Label), nameof(Row.Features)).Fit(_view);

    private string Rmse(ITransformer model)
    {
        var m = _ml.Regression.Evaluate(model.Transform(_view), nameof(Row.Label));
        return $"RMSE {m.RootMeanSquaredError:F4} (float32)";
    }

    [Benchmark]
    public ITransformer MlNetOnlineGradientDescent() => OnlineGradientDescent();

    [Benchmark]
    public ITransformer MlNetSdca() => Sdca();
}
