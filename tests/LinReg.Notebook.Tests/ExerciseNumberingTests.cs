using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LinReg.Notebook;

namespace LinReg.Notebook.Tests;

/// <summary>
/// One exercise numbering in the whole book, read from the source notebooks themselves: a notebook's markdown names
/// its exercises "**Exercise 5.2.**" (or "**Exercises 2.1 and 2.2.**", "**Exercise 5.3 (open).**"), the cell below
/// checks them with <c>Check.Answer("5.2", …)</c>, and the answer table holds exactly the ids the notebooks use.
/// </summary>
public partial class ExerciseNumberingTests
{
    private sealed record NotebookText(int Number, string Name, IReadOnlyList<(bool IsCode, string Source)> Cells);

    private static readonly Lazy<IReadOnlyList<NotebookText>> Book = new(LoadBook);

    private static IReadOnlyList<NotebookText> LoadBook()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "LinRegNotebooks.sln"))) dir = Path.GetDirectoryName(dir);
        Assert.NotNull(dir);
        var notebooks = new List<NotebookText>();
        foreach (var path in Directory.GetFiles(Path.Combine(dir, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var cells = doc.RootElement.GetProperty("cells").EnumerateArray()
                .Select(c => (c.GetProperty("cell_type").GetString() == "code",
                    string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString()))))
                .ToList();
            string name = Path.GetFileName(path);
            notebooks.Add(new NotebookText(int.Parse(name[..2], CultureInfo.InvariantCulture), name, cells));
        }
        Assert.NotEmpty(notebooks);
        return notebooks;
    }

    [Fact]
    public void Markdown_NamesEveryExerciseTheSameWay_WithItsNotebooksNumber()
    {
        var problems = new List<string>();
        foreach (var nb in Book.Value)
        {
            foreach (var (isCode, source) in nb.Cells.Where(c => !c.IsCode))
            {
                foreach (Match m in BoldExerciseLike().Matches(source))
                {
                    var heading = ExerciseHeading().Match(m.Value);
                    if (!heading.Success)
                    {
                        problems.Add($"{nb.Name}: \"{m.Value}\" is not in the book's style \"**Exercise {nb.Number}.k.**\"");
                        continue;
                    }
                    foreach (var id in IdsOf(heading))
                    {
                        if (!id.StartsWith($"{nb.Number}.", StringComparison.Ordinal))
                            problems.Add($"{nb.Name}: exercise {id} is numbered as if it were in notebook {id.Split('.')[0]}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void CheckAnswer_UsesTheIdTheMarkdownPrints_AndEveryCheckedExerciseIsRegistered()
    {
        var problems = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nb in Book.Value)
        {
            var named = new HashSet<string>(StringComparer.Ordinal);
            var open = new HashSet<string>(StringComparer.Ordinal);
            var checkedHere = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (isCode, source) in nb.Cells)
            {
                if (!isCode)
                {
                    foreach (Match m in ExerciseHeading().Matches(source))
                    {
                        foreach (var id in IdsOf(m))
                        {
                            named.Add(id);
                            if (m.Groups["open"].Success) open.Add(id);
                        }
                    }
                    continue;
                }

                foreach (Match m in CheckAnswerCall().Matches(source))
                {
                    string id = m.Groups["id"].Value;
                    checkedHere.Add(id);
                    used.Add(id);
                    if (!named.Contains(id))
                        problems.Add($"{nb.Name}: Check.Answer(\"{id}\") has no \"**Exercise {id}.**\" in the markdown above it");
                    if (!Exercises.ById.ContainsKey(id))
                        problems.Add($"{nb.Name}: Check.Answer(\"{id}\") is not in the answer table");
                }
            }
            foreach (var id in named.Except(open).Except(checkedHere))
                problems.Add($"{nb.Name}: exercise {id} is not marked (open) but no cell checks it with Check.Answer(\"{id}\")");
            foreach (var id in open.Intersect(checkedHere))
                problems.Add($"{nb.Name}: exercise {id} is marked (open) but has a Check.Answer");
        }
        foreach (var e in Exercises.All.Where(e => !used.Contains(e.Id)))
            problems.Add($"the answer table holds exercise {e.Id}, which no notebook checks");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheChecker_SeesThroughTheOldStyle_ItFlagsZeroPaddedAndBareNumbers()
    {
        // the checker itself: the styles the book used before are caught
        Assert.DoesNotMatch(ExerciseHeading(), "**07.1** A fit leaves");
        Assert.Matches(BoldExerciseLike(), "**07.1** A fit leaves");
        Assert.DoesNotMatch(ExerciseHeading(), "**Exercise 2.1 and 2.2 — take the second step by hand.**");
        Assert.Matches(ExerciseHeading(), "**Exercise 5.3 (open).**");
        Assert.Equal(["2.1", "2.2"], IdsOf(ExerciseHeading().Match("**Exercises 2.1 and 2.2.**")));
    }

    private static IReadOnlyList<string> IdsOf(Match heading)
    {
        var ids = new List<string> { heading.Groups["id"].Value };
        if (heading.Groups["second"].Success) ids.Add(heading.Groups["second"].Value);
        return ids;
    }

    /// <summary>Anything bold that starts like an exercise: "**Exercise …**", "**Exercises …**" or "**07.1**".</summary>
    [GeneratedRegex(@"\*\*(Exercises?\b[^*]*|\d+\.\d+[^*]*)\*\*")]
    private static partial Regex BoldExerciseLike();

    /// <summary>The book's one style.</summary>
    [GeneratedRegex(@"\*\*Exercises? (?<id>[1-9]\d*\.[1-9]\d*)(?: and (?<second>[1-9]\d*\.[1-9]\d*))?(?: \((?:(?<open>open)|★)\))?\.\*\*")]
    private static partial Regex ExerciseHeading();

    [GeneratedRegex(@"Check\.Answer\(""(?<id>[^""]+)""")]
    private static partial Regex CheckAnswerCall();
}
