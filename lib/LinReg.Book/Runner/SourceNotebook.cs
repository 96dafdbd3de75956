using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LinReg.Book.Runner;

/// <summary>The kind of a notebook cell (nbformat <c>cell_type</c>).</summary>
public enum CellKind
{
    /// <summary>A code cell: executed by the C# kernel.</summary>
    Code,

    /// <summary>A markdown cell: text, never executed.</summary>
    Markdown,

    /// <summary>A raw cell: passed through untouched, never executed.</summary>
    Raw,
}

/// <summary>One cell of a source notebook, as read from the .ipynb file.</summary>
/// <param name="Number">1-based position in the notebook, counting every cell (markdown included).</param>
/// <param name="Id">The nbformat 4.5 cell id, or null when the file has none.</param>
/// <param name="Kind">Code, markdown or raw.</param>
/// <param name="Source">The cell's text (nbformat's list of lines joined).</param>
/// <param name="Language">For code cells the kernel name (<c>csharp</c>); null for other cells.</param>
public sealed record SourceCell(int Number, string? Id, CellKind Kind, string Source, string? Language)
{
    /// <summary>
    /// The first non-blank line of the cell, trimmed and cut to 200 characters: how error messages point at the cell.
    /// Empty for an empty cell.
    /// </summary>
    public string FirstLine
    {
        get
        {
            foreach (var line in Source.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length > 0)
                {
                    return trimmed.Length <= 200 ? trimmed : trimmed[..199] + "…";
                }
            }

            return "";
        }
    }

    /// <summary>True for a code cell whose source is empty or only whitespace (not executed, as in Jupyter).</summary>
    public bool IsEmptyCode => Kind == CellKind.Code && string.IsNullOrWhiteSpace(Source);
}

/// <summary>
/// A source notebook (.ipynb, nbformat 4) read into memory: its cells, plus the parsed JSON so that the executed copy
/// keeps every field of the source (metadata, attachments, source line layout) untouched.
/// </summary>
public sealed partial class SourceNotebook
{
    private readonly JsonObject _json;

    private SourceNotebook(string path, JsonObject json, IReadOnlyList<SourceCell> cells)
    {
        Path = path;
        _json = json;
        Cells = cells;
    }

    /// <summary>Full path of the .ipynb file.</summary>
    public string Path { get; }

    /// <summary>File name with extension, e.g. <c>02-one-sgd-step-by-hand.ipynb</c>.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>File name without extension, e.g. <c>02-one-sgd-step-by-hand</c>.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>Folder holding the notebook: the working directory while it runs.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>Every cell in order; <c>Cells[i].Number == i + 1</c>.</summary>
    public IReadOnlyList<SourceCell> Cells { get; }

    /// <summary>The code cells in order.</summary>
    public IEnumerable<SourceCell> CodeCells => Cells.Where(c => c.Kind == CellKind.Code);

    /// <summary>A deep copy of the notebook's JSON (so callers cannot alter this instance).</summary>
    public JsonObject CloneJson() => (JsonObject)_json.DeepClone();

    /// <summary>The JSON object of cell <paramref name="number"/> (1-based), deep-copied.</summary>
    /// <param name="number">1-based cell number.</param>
    /// <exception cref="ArgumentOutOfRangeException">No such cell.</exception>
    public JsonObject CloneCellJson(int number)
    {
        if (number < 1 || number > Cells.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, $"{FileName} has cells 1..{Cells.Count}, got cell {number}.");
        }

        return (JsonObject)_json["cells"]![number - 1]!.DeepClone();
    }

    /// <summary>
    /// Reads and checks a notebook file: valid JSON, <c>nbformat</c> 4, a <c>cells</c> array whose every cell has a
    /// known <c>cell_type</c> and a <c>source</c> (string or array of strings), code cells in C#.
    /// </summary>
    /// <param name="path">Path of the .ipynb file (relative paths resolve against the current directory).</param>
    /// <returns>The parsed notebook.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NotebookFormatException">The file is not a notebook the runner can execute; the message names file and cell.</exception>
    public static SourceNotebook Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Notebook {fullPath} does not exist.", fullPath);
        }

        return Parse(File.ReadAllText(fullPath), fullPath);
    }

    /// <summary>Parses notebook JSON text; <paramref name="path"/> names it in messages and locates relative references.</summary>
    /// <param name="json">The .ipynb text.</param>
    /// <param name="path">Where the notebook lives (need not exist).</param>
    /// <returns>The parsed notebook.</returns>
    /// <exception cref="NotebookFormatException">The text is not a notebook the runner can execute.</exception>
    public static SourceNotebook Parse(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var name = System.IO.Path.GetFileName(fullPath);

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            throw new NotebookFormatException(fullPath, null, $"{name} is not valid JSON{where}: {FirstSentence(e.Message)}", e);
        }

        if (root is not JsonObject obj)
        {
            throw new NotebookFormatException(fullPath, null, $"{name} is not a notebook: the JSON is not an object (nbformat 4 expected).");
        }

        if (obj["nbformat"] is not JsonValue nbformat || !nbformat.TryGetValue<int>(out var major) || major != 4)
        {
            throw new NotebookFormatException(fullPath, null, $"{name} is not an nbformat 4 notebook: \"nbformat\" is {Describe(obj["nbformat"])}.");
        }

        if (obj["cells"] is not JsonArray cellsJson)
        {
            throw new NotebookFormatException(fullPath, null, $"{name} has no \"cells\" array (found {Describe(obj["cells"])}).");
        }

        var defaultLanguage = DefaultKernelName(obj) ?? "csharp";
        var cells = new List<SourceCell>(cellsJson.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cellsJson.Count; i++)
        {
            var number = i + 1;
            if (cellsJson[i] is not JsonObject cell)
            {
                throw new NotebookFormatException(fullPath, number, $"cell {number} of {name} is not a JSON object (found {Describe(cellsJson[i])}).");
            }

            var kind = cell["cell_type"] is JsonValue t && t.TryGetValue<string>(out var type)
                ? type switch
                {
                    "code" => CellKind.Code,
                    "markdown" => CellKind.Markdown,
                    "raw" => CellKind.Raw,
                    _ => throw new NotebookFormatException(fullPath, number, $"cell {number} of {name} has cell_type \"{type}\"; expected code, markdown or raw."),
                }
                : throw new NotebookFormatException(fullPath, number, $"cell {number} of {name} has no \"cell_type\" (found {Describe(cell["cell_type"])}).");

            var source = ReadMultilineString(cell["source"])
                         ?? throw new NotebookFormatException(fullPath, number, $"cell {number} of {name}: \"source\" must be a string or an array of strings (found {Describe(cell["source"])}).");

            string? id = null;
            if (cell["id"] is { } idNode)
            {
                if (idNode is not JsonValue idValue || !idValue.TryGetValue<string>(out id) || !CellIdPattern().IsMatch(id))
                {
                    throw new NotebookFormatException(fullPath, number, $"cell {number} of {name} has an invalid id {Describe(idNode)}: nbformat 4.5 wants 1-64 letters, digits, '-' or '_'.");
                }

                if (!ids.Add(id))
                {
                    throw new NotebookFormatException(fullPath, number, $"cell {number} of {name} repeats the id \"{id}\" of an earlier cell; cell ids must be unique.");
                }
            }

            string? language = null;
            if (kind == CellKind.Code)
            {
                language = CellKernelName(cell) ?? defaultLanguage;
                if (!IsCSharp(language))
                {
                    throw new NotebookFormatException(fullPath, number, $"cell {number} of {name} is a \"{language}\" cell; the runner executes C# (csharp) cells only: `{new SourceCell(number, id, kind, source, language).FirstLine}`");
                }

                language = "csharp";
            }

            cells.Add(new SourceCell(number, id, kind, source, language));
        }

        return new SourceNotebook(fullPath, obj, cells);
    }

    /// <summary>
    /// The files that code cells load with <c>#r "path"</c> (not <c>#r "nuget: …"</c>) or import with
    /// <c>#!import path</c>, and the <c>#r</c> files of the cells of an imported .dib file, each resolved against the
    /// notebook's folder (the working directory while it runs, so also for the imported cells), as (cell number, path
    /// as written, full path). An imported file comes before the references it holds.
    /// </summary>
    public IEnumerable<(int CellNumber, string Reference, string FullPath)> FileReferences()
    {
        foreach (var cell in CodeCells)
        {
            foreach (var (reference, fullPath) in References(cell.Source))
            {
                yield return (cell.Number, reference, fullPath);
            }
        }
    }

    private IEnumerable<(string Reference, string FullPath)> References(string code)
    {
        foreach (var line in code.Split('\n'))
        {
            if (FileReferencePattern().Match(line) is { Success: true } r)
            {
                var reference = r.Groups["path"].Value;
                if (!reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    yield return (reference, System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, reference)));
                }
            }
            else if (ImportPattern().Match(line) is { Success: true } i)
            {
                var reference = i.Groups["path"].Value;
                var fullPath = System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, reference));
                yield return (reference, fullPath);
                if (File.Exists(fullPath) && fullPath.EndsWith(".dib", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var element in DibCells(fullPath))
                    {
                        foreach (var inner in References(element))
                        {
                            yield return inner;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The code of each cell of a .dib file (Polyglot Notebooks' text format), read with .NET Interactive's own parser.</summary>
    /// <param name="path">The .dib file.</param>
    /// <returns>The cells' code, in order (the <c>#!meta</c> block excluded).</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<string> DibCells(string path)
    {
        var kernels = new Microsoft.DotNet.Interactive.Documents.KernelInfoCollection
        {
            new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp"),
        };
        var document = Microsoft.DotNet.Interactive.Documents.CodeSubmission.Parse(File.ReadAllText(path), kernels);
        return document.Elements.Select(e => e.Contents).ToList();
    }

    /// <summary>
    /// Checks that every file loaded with <c>#r "path"</c> exists, so that a missing library build is reported before
    /// any kernel starts, with the cell and the command that builds it.
    /// </summary>
    /// <exception cref="MissingReferenceException">A referenced file does not exist.</exception>
    public void CheckFileReferences()
    {
        foreach (var (cellNumber, reference, fullPath) in FileReferences())
        {
            if (File.Exists(fullPath))
            {
                continue;
            }

            var message = $"cell {cellNumber} of {FileName} loads \"{reference}\", which does not exist ({fullPath}).";
            if (reference.Replace('\\', '/').Contains("artifacts/notebook-lib/", StringComparison.Ordinal))
            {
                message += " The notebooks load the book's library from artifacts/notebook-lib/: build it first with "
                           + "`dotnet build lib/LinReg.Notebook` (it copies LinReg.dll, LinReg.Plots.dll and LinReg.Notebook.dll there; "
                           + "`dotnet run --project lib/LinReg.Book -- build` builds it too).";
            }

            throw new MissingReferenceException(Path, cellNumber, reference, fullPath, message);
        }
    }

    private static bool IsCSharp(string language) =>
        language is "csharp" or "C#" or "c#" or "cs";

    private static string? CellKernelName(JsonObject cell) =>
        StringAt(cell, "metadata", "polyglot_notebook", "kernelName")
        ?? StringAt(cell, "metadata", "dotnet_interactive", "language");

    private static string? DefaultKernelName(JsonObject notebook) =>
        StringAt(notebook, "metadata", "polyglot_notebook", "kernelInfo", "defaultKernelName")
        ?? StringAt(notebook, "metadata", "polyglot_notebook", "defaultKernelName");

    private static string? StringAt(JsonNode node, params string[] path)
    {
        JsonNode? current = node;
        foreach (var key in path)
        {
            current = current is JsonObject o ? o[key] : null;
        }

        return current is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    /// <summary>Reads nbformat's multi-line string: a string, or an array of strings joined as they are.</summary>
    /// <param name="node">The JSON value (e.g. a cell's <c>source</c>).</param>
    /// <returns>The text, or null when <paramref name="node"/> is neither a string nor an array of strings.</returns>
    public static string? ReadMultilineString(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                return s;
            case JsonArray a:
                var parts = new System.Text.StringBuilder();
                foreach (var item in a)
                {
                    if (item is not JsonValue iv || !iv.TryGetValue<string>(out var line))
                    {
                        return null;
                    }

                    parts.Append(line);
                }

                return parts.ToString();
            default:
                return null;
        }
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "missing",
        JsonValue v => v.ToJsonString().Length <= 40 ? v.ToJsonString() : v.ToJsonString()[..40] + "…",
        JsonArray => "an array",
        JsonObject => "an object",
        _ => node.GetValueKind().ToString(),
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CellIdPattern();

    [GeneratedRegex("""^[ \t]*#r[ \t]+"(?<path>[^"]+)"[ \t\r]*$""")]
    private static partial Regex FileReferencePattern();

    [GeneratedRegex("""^[ \t]*#!import[ \t]+"?(?<path>[^"\r\n]+?)"?[ \t\r]*$""")]
    private static partial Regex ImportPattern();
}
