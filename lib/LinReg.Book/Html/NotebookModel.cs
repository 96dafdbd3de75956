using System.Text;
using System.Text.Json;

namespace LinReg.Book.Html;

/// <summary>The kind of a notebook cell.</summary>
public enum CellKind
{
    /// <summary>Markdown text.</summary>
    Markdown,

    /// <summary>Code with its outputs.</summary>
    Code,

    /// <summary>A raw cell (shown as preformatted text).</summary>
    Raw,
}

/// <summary>One output of a code cell, as nbformat 4 stores it.</summary>
/// <param name="OutputType"><c>stream</c>, <c>display_data</c>, <c>execute_result</c>, <c>update_display_data</c> or <c>error</c>.</param>
/// <param name="StreamName">For streams: <c>stdout</c> or <c>stderr</c>; otherwise null.</param>
/// <param name="Text">For streams: the text; otherwise null.</param>
/// <param name="Data">For display data/results: mime type → content (JSON values other than strings kept as JSON text).</param>
/// <param name="ErrorName">For errors: <c>ename</c>.</param>
/// <param name="ErrorValue">For errors: <c>evalue</c>.</param>
/// <param name="Traceback">For errors: the traceback lines (may be empty).</param>
public sealed record NotebookOutput(
    string OutputType,
    string? StreamName,
    string? Text,
    IReadOnlyDictionary<string, string> Data,
    string? ErrorName,
    string? ErrorValue,
    IReadOnlyList<string> Traceback);

/// <summary>One cell.</summary>
/// <param name="Kind">Markdown, code or raw.</param>
/// <param name="Source">The cell's source text.</param>
/// <param name="ExecutionCount">The execution count of an executed code cell, else null.</param>
/// <param name="Outputs">The outputs of a code cell (empty for other kinds).</param>
public sealed record NotebookCell(CellKind Kind, string Source, int? ExecutionCount, IReadOnlyList<NotebookOutput> Outputs);

/// <summary>An executed notebook read from an nbformat 4 <c>.ipynb</c> file.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="Name">The file name without extension; the HTML page is <c>Name.html</c>.</param>
/// <param name="Cells">The cells in order.</param>
public sealed record NotebookDocument(string Path, string Name, IReadOnlyList<NotebookCell> Cells)
{
    /// <summary>Reads an nbformat 4 notebook.</summary>
    /// <param name="path">Path of the <c>.ipynb</c> file.</param>
    /// <returns>The parsed notebook.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid JSON or not an nbformat 4 notebook; the message names
    /// the file and what is wrong.</exception>
    public static NotebookDocument Load(string path)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException($"notebook path must not be empty, got '{path}'", nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"executed notebook '{path}' does not exist", path);
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
            return Parse(doc.RootElement, path, name);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"notebook '{path}' is not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidDataException($"notebook '{path}' is not an nbformat 4 notebook: {ex.Message}", ex);
        }
    }

    private static NotebookDocument Parse(JsonElement root, string path, string name)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"notebook '{path}': the top level is not a JSON object");
        if (root.TryGetProperty("nbformat", out var nbf) && nbf.ValueKind == JsonValueKind.Number && !(nbf.TryGetInt32(out var major) && major == 4))
            throw new InvalidDataException($"notebook '{path}': nbformat {nbf.GetRawText()} is not supported (expected 4)");
        if (!root.TryGetProperty("cells", out var cellsEl) || cellsEl.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"notebook '{path}' has no \"cells\" array");

        var cells = new List<NotebookCell>();
        var index = 0;
        foreach (var c in cellsEl.EnumerateArray())
        {
            index++;
            if (c.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"notebook '{path}', cell {index}: not a JSON object");
            var type = c.TryGetProperty("cell_type", out var t) ? t.GetString() : null;
            var kind = type switch
            {
                "markdown" => CellKind.Markdown,
                "code" => CellKind.Code,
                "raw" => CellKind.Raw,
                _ => throw new InvalidDataException($"notebook '{path}', cell {index}: unknown cell_type '{type}'"),
            };
            var source = c.TryGetProperty("source", out var s) ? MultilineText(s) : "";
            int? count = c.TryGetProperty("execution_count", out var ec) && ec.ValueKind == JsonValueKind.Number && ec.TryGetInt32(out var n) ? n : null;
            var outputs = new List<NotebookOutput>();
            if (kind == CellKind.Code && c.TryGetProperty("outputs", out var outs) && outs.ValueKind == JsonValueKind.Array)
            {
                foreach (var o in outs.EnumerateArray()) outputs.Add(ParseOutput(o, path, index));
            }
            cells.Add(new NotebookCell(kind, source, count, outputs));
        }
        return new NotebookDocument(path, name, cells);
    }

    private static NotebookOutput ParseOutput(JsonElement o, string path, int cell)
    {
        if (o.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"notebook '{path}', cell {cell}: an output is not a JSON object");
        var type = o.TryGetProperty("output_type", out var t) ? t.GetString() ?? "" : "";
        var data = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (o.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in d.EnumerateObject())
            {
                data[p.Name] = p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Array && IsStringArrayOrString(p.Value)
                    ? MultilineText(p.Value)
                    : p.Value.GetRawText();
            }
        }
        var traceback = new List<string>();
        if (o.TryGetProperty("traceback", out var tb) && tb.ValueKind == JsonValueKind.Array)
        {
            foreach (var line in tb.EnumerateArray()) traceback.Add(line.ValueKind == JsonValueKind.String ? line.GetString() ?? "" : line.GetRawText());
        }
        return new NotebookOutput(
            type,
            o.TryGetProperty("name", out var n) ? n.GetString() : null,
            o.TryGetProperty("text", out var text) ? MultilineText(text) : null,
            data,
            o.TryGetProperty("ename", out var en) ? en.GetString() : null,
            o.TryGetProperty("evalue", out var ev) ? ev.GetString() : null,
            traceback);
    }

    private static bool IsStringArrayOrString(JsonElement e) =>
        e.ValueKind == JsonValueKind.String || e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String);

    /// <summary>nbformat "multiline strings": a string or an array of strings to concatenate.</summary>
    private static string MultilineText(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return e.GetString() ?? "";
            case JsonValueKind.Array:
                var sb = new StringBuilder();
                foreach (var part in e.EnumerateArray()) sb.Append(part.ValueKind == JsonValueKind.String ? part.GetString() : part.GetRawText());
                return sb.ToString();
            case JsonValueKind.Null:
                return "";
            default:
                return e.GetRawText();
        }
    }
}
