using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LinReg.Book.Html;

/// <summary>Renders the outputs of a code cell: the richest mime type of each output, streams merged.</summary>
internal sealed partial class OutputRenderer(MarkdownCellRenderer markdown)
{
    /// <summary>Mime types in the order they are preferred.</summary>
    internal static readonly string[] MimePreference =
    [
        "application/vnd.plotly.v1+json", "text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif",
        "text/markdown", "text/latex", "application/json", "text/plain",
    ];

    /// <summary>Charts found so far on the page being rendered.</summary>
    public int Charts { get; set; }

    public List<string> Warnings { get; } = [];

    private readonly HashSet<string> _chartIds = new(StringComparer.Ordinal);

    public string Render(IReadOnlyList<NotebookOutput> outputs, MathLog math, string pageFile, string where)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < outputs.Count; i++)
        {
            var o = outputs[i];
            switch (o.OutputType)
            {
                case "stream":
                {
                    // Merge consecutive chunks of the same stream (kernels flush in pieces).
                    var name = o.StreamName ?? "stdout";
                    var text = new StringBuilder(o.Text ?? "");
                    while (i + 1 < outputs.Count && outputs[i + 1].OutputType == "stream" && (outputs[i + 1].StreamName ?? "stdout") == name)
                    {
                        text.Append(outputs[++i].Text);
                    }
                    var cls = name == "stderr" ? "stderr" : "stdout";
                    sb.Append("<div class=\"output stream ").Append(cls).Append("\"><pre>")
                      .Append(Escape(ApplyCarriageReturns(StripAnsi(text.ToString())))).Append("</pre></div>\n");
                    break;
                }
                case "error":
                {
                    sb.Append("<div class=\"output error\"><div class=\"error-head\"><span class=\"ename\">")
                      .Append(Escape(o.ErrorName ?? "Error")).Append("</span>");
                    var value = StripAnsi(o.ErrorValue ?? "");
                    if (value.Length > 0) sb.Append(": <span class=\"evalue\">").Append(Escape(value)).Append("</span>");
                    sb.Append("</div>");
                    var tb = StripAnsi(string.Join("\n", o.Traceback)).Trim();
                    if (tb.Length > 0 && tb != value.Trim()) sb.Append("<pre class=\"traceback\">").Append(Escape(tb)).Append("</pre>");
                    sb.Append("</div>\n");
                    break;
                }
                case "display_data" or "execute_result" or "update_display_data":
                    sb.Append(RenderMimeBundle(o.Data, math, pageFile, where, o.OutputType == "execute_result"));
                    break;
                default:
                    Warnings.Add($"{where}: output type '{o.OutputType}' is not rendered");
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The preferred mime type of a bundle, or null when it has none we can show.</summary>
    internal static string? ChooseMime(IReadOnlyDictionary<string, string> data)
    {
        foreach (var m in MimePreference) if (data.ContainsKey(m)) return m;
        return data.Keys.FirstOrDefault(k => k.StartsWith("text/", StringComparison.OrdinalIgnoreCase));
    }

    private string RenderMimeBundle(IReadOnlyDictionary<string, string> data, MathLog math, string pageFile, string where, bool result)
    {
        var mime = ChooseMime(data);
        var cls = result ? "output result" : "output display";
        if (mime is null)
        {
            if (data.Count > 0) Warnings.Add($"{where}: no renderable mime type among {string.Join(", ", data.Keys)}");
            return "";
        }
        var content = data[mime];
        // Prefer the HTML (Plotly.NET's own rendering) over the raw plotly JSON when both exist.
        if (mime == "application/vnd.plotly.v1+json" && data.TryGetValue("text/html", out var html0) && PlotlyOffline.IsPlotlyChart(html0))
        {
            mime = "text/html";
            content = html0;
        }
        switch (mime)
        {
            case "text/html":
                if (PlotlyOffline.IsPlotlyJsLoader(content))
                {
                    // The notebook's setup displays plotly.js inline (3.6 MB) for the notebook's own charts; a page of the
                    // book loads the one plotly.min.js beside it instead.
                    return "";
                }

                if (PlotlyOffline.IsPlotlyChart(content))
                {
                    Charts++;
                    foreach (Match id in PlotTarget().Matches(content))
                    {
                        if (!_chartIds.Add(id.Groups["id"].Value))
                            Warnings.Add($"{where}: chart id '{id.Groups["id"].Value}' appears twice on the page; only one of them will be drawn");
                    }
                    var rewritten = PlotlyOffline.RewriteChartHtml(content);
                    foreach (var url in PlotlyOffline.NetworkReferences(rewritten)) Warnings.Add($"{where}: chart output still references {url}");
                    return $"<div class=\"{cls} html chart\">{rewritten}</div>\n";
                }
                foreach (var url in PlotlyOffline.NetworkReferences(content)) Warnings.Add($"{where}: HTML output references {url}");
                return $"<div class=\"{cls} html\">{content}</div>\n";
            case "application/vnd.plotly.v1+json":
            {
                Charts++;
                var id = "plotly-json-" + Charts.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return $"<div class=\"{cls} chart\"><div id=\"{id}\"></div><script>(function(f){{Plotly.newPlot('{id}',f.data||[],f.layout||{{}},f.config||{{responsive:true}});}})({content.Replace("</", "<\\/")});</script></div>\n";
            }
            case "image/svg+xml":
                return $"<div class=\"{cls} image\">{content}</div>\n";
            case "image/png" or "image/jpeg" or "image/gif":
                return $"<div class=\"{cls} image\"><img alt=\"output image\" src=\"data:{mime};base64,{Regex.Replace(content, @"\s+", "")}\"></div>\n";
            case "text/markdown":
                return $"<div class=\"{cls} markdown\">{markdown.Render(content, math, pageFile).Html}</div>\n";
            case "text/latex":
            {
                var t = content.Trim();
                if (t.Length > 1 && t.StartsWith('$') && t.EndsWith('$'))
                    return $"<div class=\"{cls} latex\">{math.Convert(t.Trim('$').Trim(), display: true)}</div>\n";
                return $"<div class=\"{cls} plain\"><pre>{Escape(content)}</pre></div>\n";
            }
            case "application/json":
            {
                string pretty;
                try
                {
                    using var doc = JsonDocument.Parse(content);
                    pretty = JsonSerializer.Serialize(doc.RootElement, new JsonSerializerOptions { WriteIndented = true });
                }
                catch (JsonException)
                {
                    pretty = content;
                }
                return $"<div class=\"{cls} json\"><pre>{Escape(pretty)}</pre></div>\n";
            }
            default:
                return $"<div class=\"{cls} plain\"><pre>{Escape(StripAnsi(content))}</pre></div>\n";
        }
    }

    internal static string Escape(string s) => HtmlText.Escape(s);

    /// <summary>Removes ANSI colour/cursor escape sequences (tracebacks and progress output contain them).</summary>
    internal static string StripAnsi(string s) => Ansi().Replace(s, "");

    /// <summary>Applies carriage returns the way a terminal shows them: text after the last '\r' of a line wins.</summary>
    internal static string ApplyCarriageReturns(string s)
    {
        if (!s.Contains('\r')) return s;
        var lines = s.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var k = lines[i].TrimEnd('\r').LastIndexOf('\r');
            if (k >= 0) lines[i] = lines[i][(k + 1)..];
        }
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"Plotly\.(?:newPlot|react)\(\s*['""](?<id>[^'""]+)['""]", RegexOptions.CultureInvariant)]
    private static partial Regex PlotTarget();

    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])", RegexOptions.CultureInvariant)]
    private static partial Regex Ansi();
}
