using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LinReg.Book.Runner;

/// <summary>
/// Writes an executed notebook: the source notebook's JSON with every cell kept as it is (markdown and code, ids,
/// metadata, attachments) plus, on code cells, the outputs and execution counts of the run, as nbformat 4.5
/// (cell ids on every cell) with the notebook metadata VS Code writes for a C# notebook (kernelspec
/// <c>.net-csharp</c>, language_info <c>polyglot-notebook</c>, polyglot_notebook kernelInfo).
/// </summary>
/// <remarks>
/// Output mapping: <see cref="StreamOutput"/> → <c>stream</c>; a displayed value → <c>display_data</c>; the return
/// value → <c>execute_result</c> with the cell's execution count; <see cref="ErrorOutput"/> → <c>error</c>
/// (<c>ename</c>, <c>evalue</c>, <c>traceback</c>). Multi-line strings are written as arrays of lines, as Jupyter
/// does; <c>application/json</c> data as JSON. Display ids are not written (nbformat has no field for them in a
/// file): updates were already applied in place.
/// </remarks>
public static class ExecutedNotebookWriter
{
    /// <summary>The notebook metadata VS Code (Polyglot Notebooks) writes for a C# notebook; added where the source lacks it.</summary>
    public static JsonObject CSharpNotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        },
    };

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The executed notebook as JSON (see the class remarks for the layout).</summary>
    /// <param name="run">A finished run.</param>
    /// <returns>A new JSON object; the run is not changed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    public static JsonObject ToJson(NotebookRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        List<ExecutedCell> cells;
        lock (run.SyncRoot)
        {
            cells = run.Cells.Select(ExecutedCell.From).ToList();
        }

        return ToJson(run.Notebook, cells);
    }

    /// <summary>The executed notebook as JSON from per-cell records (a cell without a record gets no outputs).</summary>
    internal static JsonObject ToJson(SourceNotebook notebook, IReadOnlyCollection<ExecutedCell> executed)
    {
        var byNumber = executed.ToDictionary(c => c.Number);
        var root = notebook.CloneJson();
        root["nbformat"] = 4;
        root["nbformat_minor"] = Math.Max(5, root["nbformat_minor"] is JsonValue v && v.TryGetValue<int>(out var minor) ? minor : 0);
        root["metadata"] = MergeMetadata(root["metadata"] as JsonObject);

        var cells = new JsonArray();
        var usedIds = new HashSet<string>(notebook.Cells.Where(c => c.Id is not null).Select(c => c.Id!), StringComparer.Ordinal);
        foreach (var cell in notebook.Cells)
        {
            var json = notebook.CloneCellJson(cell.Number);
            if (cell.Id is null)
            {
                json["id"] = NewId(cell.Number, usedIds);
            }

            json["metadata"] ??= new JsonObject();
            if (cell.Kind == CellKind.Code)
            {
                var result = byNumber.GetValueOrDefault(cell.Number);
                json["execution_count"] = result?.ExecutionCount is { } count ? JsonValue.Create(count) : null;
                json["outputs"] = result is null ? new JsonArray() : result.Outputs.DeepClone();
            }

            cells.Add(json);
        }

        root["cells"] = cells;
        return root;
    }

    /// <summary>
    /// Writes <see cref="ToJson(NotebookRun)"/> to <paramref name="outputPath"/> atomically: to a temporary file in the same folder
    /// first, then moved over the target, so readers see the old file or the complete new one, never half of one.
    /// </summary>
    /// <param name="run">A finished run.</param>
    /// <param name="outputPath">Where to write; its folder is created if missing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputPath"/> is empty, or is the source notebook itself.</exception>
    /// <exception cref="IOException">The file cannot be written (no temporary file is left behind).</exception>
    public static void Write(NotebookRun run, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var fullPath = CheckTarget(run.Notebook, outputPath);
        AtomicFile.WriteAllText(fullPath, ToJson(run).ToJsonString(JsonOptions) + "\n");
    }

    /// <summary>Writes the executed notebook from per-cell records, atomically (see <see cref="Write(NotebookRun, string)"/>).</summary>
    internal static void Write(SourceNotebook notebook, IReadOnlyCollection<ExecutedCell> cells, string outputPath)
    {
        var fullPath = CheckTarget(notebook, outputPath);
        AtomicFile.WriteAllText(fullPath, ToJson(notebook, cells).ToJsonString(JsonOptions) + "\n");
    }

    private static string CheckTarget(SourceNotebook notebook, string outputPath)
    {
        var fullPath = Path.GetFullPath(outputPath);
        if (string.Equals(fullPath, notebook.Path, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Refusing to overwrite the source notebook {notebook.Path} with its executed copy; write it elsewhere (e.g. artifacts/book/).", nameof(outputPath));
        }

        return fullPath;
    }

    private static JsonObject MergeMetadata(JsonObject? source)
    {
        var metadata = source ?? new JsonObject();
        foreach (var (key, value) in CSharpNotebookMetadata())
        {
            if (metadata[key] is null)
            {
                metadata[key] = value!.DeepClone();
            }
        }

        return metadata;
    }

    /// <summary>nbformat outputs of a cell (see the class remarks); <paramref name="executionCount"/> goes on <c>execute_result</c>.</summary>
    internal static JsonArray OutputsJson(IReadOnlyList<CellOutput> cellOutputs, int? executionCount)
    {
        var outputs = new JsonArray();
        foreach (var output in cellOutputs)
        {
            outputs.Add(output switch
            {
                StreamOutput s => new JsonObject
                {
                    ["output_type"] = "stream",
                    ["name"] = s.Name,
                    ["text"] = Lines(s.Text),
                },
                DisplayOutput { IsReturnValue: true } d => new JsonObject
                {
                    ["output_type"] = "execute_result",
                    ["data"] = Bundle(d.Data),
                    ["execution_count"] = executionCount,
                    ["metadata"] = new JsonObject(),
                },
                DisplayOutput d => new JsonObject
                {
                    ["output_type"] = "display_data",
                    ["data"] = Bundle(d.Data),
                    ["metadata"] = new JsonObject(),
                },
                ErrorOutput e => ErrorJson(e),
                _ => throw new InvalidOperationException($"Unknown output {output.GetType().Name}."),
            });
        }

        return outputs;
    }

    /// <summary>An nbformat <c>error</c> output.</summary>
    internal static JsonObject ErrorJson(ErrorOutput e) => new()
    {
        ["output_type"] = "error",
        ["ename"] = e.Name,
        ["evalue"] = e.Message,
        ["traceback"] = new JsonArray(e.Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
    };

    private static JsonObject Bundle(IReadOnlyDictionary<string, string> data)
    {
        var bundle = new JsonObject();
        foreach (var (mimeType, text) in data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (IsJsonMimeType(mimeType))
            {
                try
                {
                    bundle[mimeType] = JsonNode.Parse(text);
                    continue;
                }
                catch (JsonException)
                {
                    // Not JSON after all: keep it as text under a text mime type rather than write an invalid bundle.
                    bundle["text/plain"] ??= Lines(text);
                    continue;
                }
            }

            bundle[mimeType] = Lines(text);
        }

        return bundle;
    }

    private static bool IsJsonMimeType(string mimeType) =>
        mimeType.StartsWith("application/", StringComparison.Ordinal)
        && (mimeType.EndsWith("/json", StringComparison.Ordinal) || mimeType.EndsWith("+json", StringComparison.Ordinal));

    /// <summary>nbformat's multi-line string as Jupyter writes it: lines, each but the last ending with "\n".</summary>
    private static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static string NewId(int number, HashSet<string> used)
    {
        var id = $"cell-{number}";
        for (var k = 2; !used.Add(id); k++)
        {
            id = $"cell-{number}-{k}";
        }

        return id;
    }
}
