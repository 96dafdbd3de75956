using System.Xml.Linq;
using LinReg.Data;

namespace LinReg.Tests;

/// <summary>The library's public types say where the book uses them (issue 14: the habit D2L keeps with section references).</summary>
public class DocumentationTests
{
    [Fact]
    public void EveryPublicType_SummaryNamesTheNotebookThatTeachesOrUsesIt()
    {
        var assembly = typeof(Dataset).Assembly;
        string xmlPath = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(File.Exists(xmlPath), $"{xmlPath} is missing (GenerateDocumentationFile is on for the library).");
        var summaries = XDocument.Load(xmlPath).Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith("T:", StringComparison.Ordinal) == true)
            .ToDictionary(m => ((string)m.Attribute("name")!)[2..], m => string.Concat(m.Element("summary")?.DescendantNodes().OfType<XText>().Select(t => t.Value) ?? []));
        var missing = assembly.GetExportedTypes()
            .Select(t => t.FullName!)
            .Where(name => !summaries.TryGetValue(name, out var s)
                || !(s.Contains("Taught in notebook ", StringComparison.Ordinal) || s.Contains("Used by notebook ", StringComparison.Ordinal)
                     || s.Contains("Not used by a notebook", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, "These public types do not say which notebook teaches them: " + string.Join(", ", missing));
    }
}
