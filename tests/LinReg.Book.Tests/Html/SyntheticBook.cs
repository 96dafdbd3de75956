using System.Text.Json.Nodes;

namespace LinReg.Book.Tests.Html;

/// <summary>Writes small executed notebooks (nbformat 4.5 JSON, as the runner produces them) into a temp folder.</summary>
internal sealed class SyntheticBook : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "linreg-html-" + Guid.NewGuid().ToString("N")[..10]);
    public string NotebookDir => Path.Combine(Root, "executed");
    public string OutputDir => Path.Combine(Root, "book");

    public SyntheticBook() => Directory.CreateDirectory(NotebookDir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A browser may still hold a file for a moment; the temp folder is cleaned by the OS eventually.
        }
    }

    private int _ids;

    public JsonObject Markdown(string source) => new()
    {
        ["cell_type"] = "markdown",
        ["id"] = $"md-{++_ids}",
        ["metadata"] = new JsonObject(),
        ["source"] = Lines(source),
    };

    public JsonObject Code(string source, int count, params JsonObject[] outputs) => new()
    {
        ["cell_type"] = "code",
        ["id"] = $"code-{++_ids}",
        ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
        ["execution_count"] = count,
        ["source"] = Lines(source),
        ["outputs"] = new JsonArray(outputs.Cast<JsonNode?>().ToArray()),
    };

    public static JsonObject Stream(string name, params string[] text) => new()
    {
        ["output_type"] = "stream",
        ["name"] = name,
        ["text"] = new JsonArray(text.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
    };

    public static JsonObject Display(params (string Mime, string Content)[] data) => Bundle("display_data", data);

    public static JsonObject Result(params (string Mime, string Content)[] data)
    {
        var o = Bundle("execute_result", data);
        o["execution_count"] = 1;
        return o;
    }

    private static JsonObject Bundle(string type, (string Mime, string Content)[] data)
    {
        var d = new JsonObject();
        foreach (var (mime, content) in data) d[mime] = Lines(content);
        return new JsonObject { ["output_type"] = type, ["data"] = d, ["metadata"] = new JsonObject() };
    }

    public static JsonObject Error(string ename, string evalue, params string[] traceback) => new()
    {
        ["output_type"] = "error",
        ["ename"] = ename,
        ["evalue"] = evalue,
        ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
    };

    /// <summary>nbformat stores multi-line text as an array of lines that keep their '\n'.</summary>
    private static JsonArray Lines(string text)
    {
        var parts = new List<JsonNode?>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            parts.Add(JsonValue.Create(text[start..(i + 1)]));
            start = i + 1;
        }
        if (start < text.Length) parts.Add(JsonValue.Create(text[start..]));
        return new JsonArray(parts.ToArray());
    }

    public string Write(string name, params JsonObject[] cells)
    {
        var nb = new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            },
            ["cells"] = new JsonArray(cells.Cast<JsonNode?>().ToArray()),
        };
        var path = Path.Combine(NotebookDir, name + ".ipynb");
        File.WriteAllText(path, nb.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    /// <summary>A two-notebook book exercising every feature: math, code, all output kinds, both chart forms.</summary>
    public IReadOnlyList<string> WriteStandardBook()
    {
        var first = Write("01-sgd-by-hand",
            Markdown("""
                # 1. One SGD update by hand

                We update $\hat{y} = wx + b$ once with learning rate $\eta = 0.1$.

                **In this notebook**
                - [The update rule](#the-update-rule) and $\nabla_w L_B$
                - Checking the answer in code
                - Then the [normal equation](02-normal-equation.ipynb)
                """),
            Code("#r \"nuget: Plotly.NET, 6.0.0\"\nusing System;\n// the data\nvar xs = new double[] { 1.0, 3.0 };\nConsole.WriteLine($\"n = {xs.Length}\");", 1,
                Stream("stdout", "n = 2\n", "done\n"),
                Stream("stderr", "warning: \u001b[33mslow\u001b[0m\n")),
            Markdown("""
                ## The update rule

                $$
                w \leftarrow w - \eta \frac{1}{|B|}\sum_{i \in B}\nabla_w \ell_i(w,b), \qquad b \leftarrow b - \eta \frac{1}{|B|}\sum_{i \in B}\nabla_b \ell_i(w,b).
                $$

                For the two examples, $X = \begin{bmatrix} 1 \\ 3 \end{bmatrix}$ and the gradient is $\nabla_w L_B = -5$.
                """),
            Code("1.5 + 0.2", 2, Result(("text/plain", "1.7"), ("text/html", "<div class=\"dni-plaintext\"><pre>1.7</pre></div>"))),
            Code("\"<b>not bold</b>\"", 3, Result(("text/plain", "<b>not bold</b>"))),
            Code("LossChart(history)", 4, Display(("text/html", PlotlyFixtures.FormatterOutput), ("text/plain", "Plotly.NET.GenericChart"))),
            Code("live.Show()", 5, Display(("text/html", PlotlyFixtures.NoReferenceChartHtml))),
            Code("throw new InvalidOperationException(\"boom\");", 6,
                Error("System.InvalidOperationException", "boom", "\u001b[31mSystem.InvalidOperationException: boom\u001b[0m", "   at Submission#6.MoveNext()")));
        var second = Write("02-normal-equation",
            Markdown("""
                # 2. The normal equation

                Back to [the update rule](01-sgd-by-hand.ipynb#the-update-rule).

                In this notebook:

                1. Solving $w^* = (X^T X)^{-1} X^T y$
                """),
            Code("var w = 2.6;", 1));
        return [first, second];
    }
}
