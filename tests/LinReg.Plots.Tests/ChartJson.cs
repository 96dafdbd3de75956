using System.Text.Json;
using Plotly.NET;

namespace LinReg.Plots.Tests;

/// <summary>Reads a chart the way plotly.js will: through Plotly.NET's own JSON serialization.</summary>
internal static class ChartJson
{
    public static JsonElement Root(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    public static JsonElement[] Traces(GenericChart chart) => Root(chart).GetProperty("data").EnumerateArray().ToArray();

    public static JsonElement Layout(GenericChart chart) => Root(chart).GetProperty("layout");

    public static double[] Doubles(JsonElement trace, string property) =>
        trace.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static string[] Strings(JsonElement trace, string property) =>
        trace.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static double[][] Matrix(JsonElement trace, string property) =>
        trace.GetProperty(property).EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();

    public static string Str(JsonElement e, string property) => e.GetProperty(property).GetString()!;

    public static string? AxisTitle(JsonElement layout, string axis) =>
        layout.GetProperty(axis).GetProperty("title").GetProperty("text").GetString();
}
