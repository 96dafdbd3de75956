using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LinReg.Book.Runner;

namespace LinReg.Book.Tests.Support;

/// <summary>
/// Checks of notebook JSON, written from the nbformat 4.5 JSON schema (nbformat.v4.5.schema.json: required keys,
/// cell id pattern, output types and their fields) and from what VS Code writes for a C# notebook. Each check returns
/// the list of problems found (empty = fine), so a failing test shows all of them.
/// </summary>
internal static partial class NotebookChecks
{
    /// <summary>Structure of an nbformat 4.5 notebook that VS Code opens as a C# notebook (source or executed).</summary>
    public static List<string> Nbformat45(JsonObject notebook)
    {
        var problems = new List<string>();
        if (Int(notebook["nbformat"]) != 4)
        {
            problems.Add($"nbformat is {notebook["nbformat"]?.ToJsonString() ?? "missing"}, expected 4");
        }

        if (Int(notebook["nbformat_minor"]) is not >= 5)
        {
            problems.Add($"nbformat_minor is {notebook["nbformat_minor"]?.ToJsonString() ?? "missing"}, expected >= 5 (cell ids)");
        }

        var metadata = notebook["metadata"] as JsonObject;
        if (metadata is null)
        {
            problems.Add("notebook metadata missing");
        }
        else
        {
            if (Str(metadata["kernelspec"]?["name"]) != ".net-csharp")
            {
                problems.Add($"metadata.kernelspec.name is {metadata["kernelspec"]?["name"]?.ToJsonString() ?? "missing"}, expected \".net-csharp\"");
            }

            if (Str(metadata["kernelspec"]?["display_name"]) is null)
            {
                problems.Add("metadata.kernelspec.display_name missing (required by the schema)");
            }

            if (Str(metadata["language_info"]?["name"]) is null)
            {
                problems.Add("metadata.language_info.name missing");
            }
        }

        if (notebook["cells"] is not JsonArray cells)
        {
            problems.Add("cells array missing");
            return problems;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var where = $"cell {i + 1}";
            if (cells[i] is not JsonObject cell)
            {
                problems.Add($"{where} is not an object");
                continue;
            }

            var id = Str(cell["id"]);
            if (id is null || !IdPattern().IsMatch(id))
            {
                problems.Add($"{where} has no valid id ({cell["id"]?.ToJsonString() ?? "missing"})");
            }
            else if (!ids.Add(id))
            {
                problems.Add($"{where} repeats id {id}");
            }

            if (cell["metadata"] is not JsonObject)
            {
                problems.Add($"{where} has no metadata object");
            }

            if (!IsMultiline(cell["source"]))
            {
                problems.Add($"{where} source is not a string or an array of strings");
            }

            switch (Str(cell["cell_type"]))
            {
                case "code":
                    if (cell["execution_count"] is { } count && Int(count) is not >= 1)
                    {
                        problems.Add($"{where} execution_count is {count.ToJsonString()}, expected null or an integer >= 1");
                    }

                    if (!cell.ContainsKey("execution_count"))
                    {
                        problems.Add($"{where} has no execution_count key (required, may be null)");
                    }

                    if (cell["outputs"] is not JsonArray outputs)
                    {
                        problems.Add($"{where} has no outputs array");
                        break;
                    }

                    for (var o = 0; o < outputs.Count; o++)
                    {
                        problems.AddRange(Output(outputs[o] as JsonObject).Select(p => $"{where} output {o + 1}: {p}"));
                    }

                    break;
                case "markdown" or "raw":
                    if (cell.ContainsKey("outputs") || cell.ContainsKey("execution_count"))
                    {
                        problems.Add($"{where} is {Str(cell["cell_type"])} but has outputs/execution_count (not allowed by the schema)");
                    }

                    break;
                default:
                    problems.Add($"{where} has cell_type {cell["cell_type"]?.ToJsonString() ?? "missing"}");
                    break;
            }
        }

        return problems;
    }

    /// <summary>
    /// The book's rules for a SOURCE notebook: valid nbformat 4.5 C# notebook, a title markdown cell first, no outputs,
    /// no execution counts, and the shared setup (<see cref="BookSetup.Cell"/>) as its first code cell.
    /// </summary>
    public static List<string> SourceHygiene(JsonObject notebook)
    {
        var problems = Nbformat45(notebook);
        if (notebook["cells"] is not JsonArray cells)
        {
            return problems;
        }

        var first = cells.FirstOrDefault() as JsonObject;
        if (Str(first?["cell_type"]) != "markdown" || SourceNotebook.ReadMultilineString(first?["source"])?.TrimStart().StartsWith("# ", StringComparison.Ordinal) != true)
        {
            problems.Add("the first cell is not a markdown cell starting with a '# ' title");
        }

        var codeCells = cells.OfType<JsonObject>().Where(c => Str(c["cell_type"]) == "code").ToList();
        foreach (var (cell, index) in cells.OfType<JsonObject>().Select((c, i) => (c, i)))
        {
            if (cell["outputs"] is JsonArray { Count: > 0 })
            {
                problems.Add($"cell {index + 1} has outputs (source notebooks are committed without outputs)");
            }

            if (cell["execution_count"] is not null)
            {
                problems.Add($"cell {index + 1} has an execution count (source notebooks are committed without outputs)");
            }
        }

        for (var k = 0; k < BookSetup.Cells.Count; k++)
        {
            if (k >= codeCells.Count)
            {
                problems.Add($"code cell {k + 1} (the shared setup) is missing");
                continue;
            }

            var source = SourceNotebook.ReadMultilineString(codeCells[k]["source"]) ?? "";
            if (BookSetup.Normalize(source) != BookSetup.Normalize(BookSetup.Cells[k]))
            {
                problems.Add($"code cell {k + 1} differs from the shared setup cell (BookSetup.Cell: `#!import setup.dib` under one comment line); it starts `{source.Split('\n')[0]}`");
            }
        }

        return problems;
    }

    private static IEnumerable<string> Output(JsonObject? output)
    {
        if (output is null)
        {
            yield return "not an object";
            yield break;
        }

        var type = Str(output["output_type"]);
        var allowed = type switch
        {
            "stream" => new[] { "output_type", "name", "text" },
            "display_data" => new[] { "output_type", "data", "metadata", "transient" },
            "execute_result" => new[] { "output_type", "data", "metadata", "execution_count" },
            "error" => new[] { "output_type", "ename", "evalue", "traceback" },
            _ => null,
        };
        if (allowed is null)
        {
            yield return $"unknown output_type {output["output_type"]?.ToJsonString() ?? "missing"}";
            yield break;
        }

        foreach (var key in output.Select(kv => kv.Key).Where(k => !allowed.Contains(k)))
        {
            yield return $"{type} output has key '{key}' the schema does not allow";
        }

        switch (type)
        {
            case "stream":
                if (Str(output["name"]) is not ("stdout" or "stderr"))
                {
                    yield return "stream name is not stdout/stderr";
                }

                if (!IsMultiline(output["text"]))
                {
                    yield return "stream text is not a multiline string";
                }

                break;
            case "display_data" or "execute_result":
                if (output["data"] is not JsonObject data)
                {
                    yield return "data is not an object";
                }
                else
                {
                    foreach (var (mime, value) in data)
                    {
                        var isJson = mime.StartsWith("application/", StringComparison.Ordinal) && (mime.EndsWith("json", StringComparison.Ordinal));
                        if (!isJson && !IsMultiline(value))
                        {
                            yield return $"data[{mime}] is not a multiline string";
                        }
                    }
                }

                if (output["metadata"] is not JsonObject)
                {
                    yield return "metadata is not an object";
                }

                if (type == "execute_result" && (!output.ContainsKey("execution_count") || (output["execution_count"] is { } c && Int(c) is not >= 1)))
                {
                    yield return "execute_result has no valid execution_count";
                }

                break;
            case "error":
                if (Str(output["ename"]) is null || Str(output["evalue"]) is null)
                {
                    yield return "error without ename/evalue strings";
                }

                if (output["traceback"] is not JsonArray tb || tb.Any(l => Str(l) is null))
                {
                    yield return "error traceback is not an array of strings";
                }

                break;
        }
    }

    private static bool IsMultiline(JsonNode? node) => SourceNotebook.ReadMultilineString(node) is not null;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
