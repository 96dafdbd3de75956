using System.Text.Json;
using System.Text.Json.Nodes;

namespace LinReg.Book.Runner.Worker;

/// <summary>
/// The line protocol between the book build and its worker processes (<see cref="NotebookWorker"/>,
/// <see cref="WorkerProcess"/>). One JSON object per line, UTF-8.
/// </summary>
/// <remarks>
/// Build → worker, on the worker's standard input: <c>{"notebook": path, "timeoutSeconds": s}</c>, one request at a
/// time; the worker ends when its standard input closes.
/// Worker → build, on the worker's standard output, each line starting with <see cref="Marker"/> (any other line is
/// not protocol — a cell that writes to the process's stdout behind the kernel's back — and is ignored):
/// <list type="bullet">
/// <item><c>cell-start</c> {cell, cells, elapsedMs}: a code cell starts (progress; the build's watchdog starts).</item>
/// <item><c>cell</c> {number, status, executionCount, elapsedMs, outputs, failure}: the record of a cell; sent when it
/// ends, and again for an earlier cell whose outputs a later cell changed (a display update). The last one wins.</item>
/// <item><c>done</c> {elapsedMs}: the notebook's run ended (all cells, or stopped at a failure).</item>
/// <item><c>not-run</c> {message}: the notebook could not be run at all (e.g. a <c>#r</c> file is missing).</item>
/// </list>
/// </remarks>
internal static class WorkerProtocol
{
    /// <summary>The prefix of every protocol line the worker writes.</summary>
    public const string Marker = "@linreg-worker ";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Request(string notebookPath, TimeSpan cellTimeout) =>
        new JsonObject { ["notebook"] = notebookPath, ["timeoutSeconds"] = cellTimeout.TotalSeconds }.ToJsonString(Compact);

    public static (string NotebookPath, TimeSpan CellTimeout) ParseRequest(string line)
    {
        var json = JsonNode.Parse(line)?.AsObject() ?? throw new InvalidDataException($"a worker request is not a JSON object: {line}");
        var path = (string?)json["notebook"] ?? throw new InvalidDataException($"a worker request names no notebook: {line}");
        var seconds = (double?)json["timeoutSeconds"] ?? throw new InvalidDataException($"a worker request has no timeoutSeconds: {line}");
        return (path, TimeSpan.FromSeconds(seconds));
    }

    public static string CellStart(int cell, int cells, TimeSpan elapsed) =>
        Line(new JsonObject { ["event"] = "cell-start", ["cell"] = cell, ["cells"] = cells, ["elapsedMs"] = Ms(elapsed) });

    public static string Cell(ExecutedCell cell) =>
        Line(new JsonObject
        {
            ["event"] = "cell",
            ["number"] = cell.Number,
            ["status"] = cell.Status.ToString(),
            ["executionCount"] = cell.ExecutionCount,
            ["elapsedMs"] = Ms(cell.Elapsed),
            ["outputs"] = cell.Outputs.DeepClone(),
            ["failure"] = cell.FailureMessage,
        });

    public static string Done(TimeSpan elapsed) => Line(new JsonObject { ["event"] = "done", ["elapsedMs"] = Ms(elapsed) });

    public static string NotRun(string message) => Line(new JsonObject { ["event"] = "not-run", ["message"] = message });

    /// <summary>Reads a line the worker wrote; null when it is not a protocol line.</summary>
    public static JsonObject? ParseEvent(string line)
    {
        if (!line.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(line.AsSpan(Marker.Length).ToString()) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The cell record carried by a <c>cell</c> event.</summary>
    public static ExecutedCell ReadCell(JsonObject e) =>
        new(
            (int)e["number"]!,
            Enum.Parse<CellStatus>((string)e["status"]!),
            (int?)e["executionCount"],
            TimeSpan.FromMilliseconds((double)e["elapsedMs"]!),
            e["outputs"]?.DeepClone().AsArray() ?? new JsonArray(),
            (string?)e["failure"]);

    public static TimeSpan Elapsed(JsonObject e) => TimeSpan.FromMilliseconds((double?)e["elapsedMs"] ?? 0);

    private static string Line(JsonObject message) => Marker + message.ToJsonString(Compact);

    private static double Ms(TimeSpan t) => Math.Round(t.TotalMilliseconds, 1, MidpointRounding.AwayFromZero);
}
