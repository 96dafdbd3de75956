using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlotlyOffline = LinReg.Book.Html.PlotlyOffline;
using LinReg.Book.Runner;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LinReg.Book.Export;

/// <summary>
/// Writes each notebook of the book as a .NET 10 file-based app (<c>dotnet run artifacts/apps/05-training-from-scratch.cs</c>),
/// the form of a C# notebook that outlives the deprecated notebook kernel:
/// <list type="bullet">
/// <item>the markdown cells as <c>//</c> comments and the code cells as code, in reading order;</item>
/// <item>the setup's <c>#r "nuget: X, v"</c> lines as <c>#:package X@v</c> and its <c>#r ".../X.dll"</c> lines as
/// <c>#:project</c> of the library's project <c>lib/X/X.csproj</c> (paths relative to the app); the setup's kernel
/// work-arounds are not needed (a file-based app restores its own FSharp.Core and has no notebook front end);</item>
/// <item>C# read with Roslyn's parser in script kind, as the kernel reads a cell: the <c>using</c> directives of every
/// cell hoisted to the top; type declarations moved after the top-level statements (C# requires it); a cell's trailing
/// expression, which the kernel displays, and the kernel's <c>display(x)</c> become <c>DisplayHost.Show(x)</c>
/// (LinReg.Notebook), which writes a chart to an HTML file beside the app and prints its path;</item>
/// <item>a first statement <c>NotebookSession.StartApp(…)</c>: the notebook's relative paths resolve from
/// <c>notebooks/</c> as in the notebook, and a live chart writes its final state when completed.</item>
/// </list>
/// A cell tagged <see cref="TimingTag"/> (Jupyter cell tags, <c>metadata.tags</c>) prints measured times or allocations; the app
/// says so in a comment and <see cref="ExportedApp.Cells"/> marks it, so a comparison of numbers can skip it.
/// Files inside the repository inherit its Directory.Build.props and Directory.Packages.props; the export writes
/// small ones into the apps' folder that stop that (<see cref="BuildProps"/>, <see cref="PackagesProps"/>).
/// </summary>
public static partial class AppExporter
{
    /// <summary>
    /// The Jupyter cell tag (<c>"metadata": {"tags": ["timing"]}</c> on a code cell) that marks a cell whose printed
    /// numbers are measurements of the run — wall-clock times, allocated bytes — which differ between runs, processes
    /// and machines. The exported-apps test compares only the words of such a cell's lines; every other cell's lines
    /// must match the executed notebook exactly. Tag every cell that prints or charts a measured time.
    /// </summary>
    public const string TimingTag = "timing";

    /// <summary>The first line of every exported app (also how a stale app of a removed notebook is recognized).</summary>
    public const string HeaderMarker = "// Exported from notebooks/";

    /// <summary>Packages of the setup that only the notebook kernel needs (its chart formatter extension).</summary>
    private static readonly HashSet<string> KernelOnlyPackages = new(StringComparer.OrdinalIgnoreCase) { "Plotly.NET.Interactive" };

    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>The Directory.Build.props written into the apps' folder.</summary>
    public const string BuildProps =
        """
        <Project>
          <!-- The notebooks exported as .NET 10 file-based apps (dotnet run <app>.cs), written by the book's export
               command (LinReg.Book export; see the README). MSBuild reads the nearest Directory.Build.props and
               Directory.Packages.props and stops there, so these two files keep the repository's from applying to the
               apps: no central package management (each app pins its packages with #:package, at the versions the
               notebooks load), and no warnings-as-errors for code written for a notebook. The library projects the
               apps reference with #:project keep the repository's settings. -->
          <PropertyGroup>
            <!-- NU1603: a dependency's lower bound is not served and the next version is taken (the .NET Interactive
                 packages behind LinReg.Plots do this); informational, as in the repository's own props. -->
            <NoWarn>$(NoWarn);NU1603</NoWarn>
          </PropertyGroup>
        </Project>

        """;

    /// <summary>The Directory.Packages.props written into the apps' folder.</summary>
    public const string PackagesProps =
        """
        <Project>
          <!-- See Directory.Build.props beside this file: the apps pin their packages themselves (#:package X@version),
               which central package management would reject. -->
          <PropertyGroup>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
          </PropertyGroup>
        </Project>

        """;

    /// <summary>The packages and library projects an app needs, read from the notebooks' setup (<c>notebooks/setup.dib</c>).</summary>
    /// <param name="Packages">(name, exact version) of each <c>#r "nuget:"</c> line the app needs, in order.</param>
    /// <param name="Projects">Full paths of the library projects whose DLLs the setup loads, in order.</param>
    /// <param name="Dropped">Packages of the setup an app does not need (the kernel's chart extension).</param>
    public sealed record AppSetup(IReadOnlyList<(string Name, string Version)> Packages, IReadOnlyList<string> Projects, IReadOnlyList<string> Dropped);

    /// <summary>
    /// Reads the setup file: each <c>#r "nuget: X, v"</c> becomes a package (kernel-only ones dropped), each
    /// <c>#r "…/X.dll"</c> the project <c>lib/X/X.csproj</c> of the repository.
    /// </summary>
    /// <param name="setupDib">The setup file (<c>notebooks/setup.dib</c>).</param>
    /// <param name="root">The repository root.</param>
    /// <returns>The setup.</returns>
    /// <exception cref="FileNotFoundException">The setup file does not exist.</exception>
    /// <exception cref="InvalidDataException">A <c>#r</c> names a DLL with no project <c>lib/X/X.csproj</c>, or a package without an exact version.</exception>
    public static AppSetup ReadSetup(string setupDib, string root)
    {
        if (!File.Exists(setupDib)) throw new FileNotFoundException($"The notebooks' setup file {setupDib} does not exist.", setupDib);
        var packages = new List<(string, string)>();
        var projects = new List<string>();
        var dropped = new List<string>();
        foreach (var cell in SourceNotebook.DibCells(setupDib))
        {
            foreach (Match m in ReferenceLine().Matches(cell))
            {
                var reference = m.Groups["ref"].Value.Trim();
                if (reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    var parts = reference["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries);
                    if (parts.Length != 2 || parts[1].Length == 0 || parts[1].IndexOfAny(['*', '[', '(', ' ']) >= 0)
                        throw new InvalidDataException($"{setupDib}: `#r \"{reference}\"` has no exact version (write #r \"nuget: Name, 1.2.3\").");
                    if (KernelOnlyPackages.Contains(parts[0])) dropped.Add(parts[0]);
                    else packages.Add((parts[0], parts[1]));
                }
                else
                {
                    var name = Path.GetFileNameWithoutExtension(reference);
                    var project = Path.Combine(root, "lib", name, name + ".csproj");
                    if (!File.Exists(project))
                        throw new InvalidDataException($"{setupDib}: `#r \"{reference}\"` loads {name}.dll, but there is no project {project} to reference from an app.");
                    projects.Add(project);
                }
            }
        }

        return new AppSetup(packages, projects, dropped);
    }

    /// <summary>Writes one notebook as an app's source text (nothing is written to disk).</summary>
    /// <param name="notebook">The source notebook.</param>
    /// <param name="setup">What the setup loads (<see cref="ReadSetup"/>).</param>
    /// <param name="appDirectory">The folder the app will be written to (paths in the app are relative to it).</param>
    /// <returns>The app's text and which code cells it holds.</returns>
    /// <exception cref="NotebookExportException">A cell has no file-based-app form (names notebook, cell and construct).</exception>
    public static (string Text, IReadOnlyList<(int Number, bool Timing)> Cells) ToApp(SourceNotebook notebook, AppSetup setup, string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentException.ThrowIfNullOrWhiteSpace(appDirectory);

        var usings = new List<string>();
        var body = new StringBuilder();
        var types = new StringBuilder();
        var cells = new List<(int, bool)>();
        var renames = Renames(notebook);
        var setupSeen = false;
        string? title = null;
        foreach (var cell in notebook.Cells)
        {
            switch (cell.Kind)
            {
                case CellKind.Markdown:
                    title ??= cell.Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..];
                    body.Append(Comment(cell.Source)).Append('\n');
                    break;
                case CellKind.Raw:
                    break;
                case CellKind.Code when cell.IsEmptyCode:
                    break;
                case CellKind.Code when BookSetup.Normalize(cell.Source) == BookSetup.Normalize(BookSetup.Cell):
                    setupSeen = true;
                    break;
                case CellKind.Code:
                {
                    var timing = IsTiming(notebook, cell.Number);
                    var rename = renames.GetValueOrDefault(cell.Number) ?? [];
                    var (cellUsings, code, cellTypes, _) = ConvertCell(notebook, cell, rename);
                    var declaredHere = rename.Where(r => r.Value.DeclaredHere).ToList();
                    if (declaredHere.Count > 0)
                    {
                        body.Append("// (This cell declares ").Append(string.Join(", ", declaredHere.Select(r => $"`{r.Key}`")))
                            .Append(", and cell ").Append(declaredHere[0].Value.RedeclaredIn)
                            .Append(" declares the same name(s) again: a notebook may, one C# file may not. Until then they are ")
                            .Append(string.Join(", ", declaredHere.Select(r => $"`{r.Value.Name}`"))).Append(" here.)\n");
                    }

                    foreach (var u in cellUsings) if (!usings.Contains(u)) usings.Add(u);
                    if (timing) body.Append("// (A timing cell: the times or allocations it prints depend on the machine and the moment.)\n");
                    if (code.Trim().Length > 0) body.Append(code.TrimEnd()).Append("\n\n");
                    foreach (var t in cellTypes) types.Append(t.TrimEnd()).Append("\n\n");
                    cells.Add((cell.Number, timing));
                    break;
                }
            }
        }

        if (!setupSeen)
            throw new NotebookExportException(notebook.Path, null, $"{notebook.FileName} does not start its code with the book's setup cell (`#!import {BookSetup.FileName}`), so what it loads is unknown.");

        string Rel(string path) => Path.GetRelativePath(appDirectory, path).Replace('\\', '/');
        var app = new StringBuilder();
        app.Append(HeaderMarker).Append(notebook.FileName).Append(" by `dotnet run --project lib/LinReg.Book -- export`; edit the notebook, not this file.\n");
        app.Append("// ").Append(title ?? notebook.Name).Append(" — the notebook as a .NET 10 file-based app. Run it from the repository:\n");
        var appFromRoot = Path.GetRelativePath(Path.GetDirectoryName(notebook.Directory)!, Path.Combine(appDirectory, notebook.Name + ".cs")).Replace('\\', '/');
        app.Append("//     dotnet run ").Append(appFromRoot).Append('\n');
        app.Append("// The notebook's text is here as comments, in reading order. Each chart is written to an HTML file beside this file\n");
        app.Append("// (it loads plotly.min.js from the same folder, no network) and its path is printed: open it in a browser.\n");
        app.Append("// Build settings: Directory.Build.props and Directory.Packages.props beside this file keep the repository's from\n");
        app.Append("// applying (central package management would reject the versions below; warnings are not errors here).\n");
        app.Append("// The notebook's setup cell is not needed: it works around the notebook kernel");
        if (setup.Dropped.Count > 0) app.Append(" and loads its chart extension (").Append(string.Join(", ", setup.Dropped)).Append(')');
        app.Append(".\n");
        app.Append("// Nullable annotations without the warnings, as in the notebook (whose kernel gives none).\n");
        app.Append("#:property Nullable=annotations\n");
        foreach (var (name, version) in setup.Packages) app.Append("#:package ").Append(name).Append('@').Append(version).Append('\n');
        foreach (var project in setup.Projects) app.Append("#:project ").Append(Rel(project)).Append('\n');
        app.Append('\n');
        if (!usings.Contains("using LinReg.Notebook;")) usings.Add("using LinReg.Notebook;");
        foreach (var u in usings) app.Append(u).Append('\n');
        app.Append('\n');
        app.Append("// As in the notebook, relative paths (the data files) start from notebooks/; charts go to HTML files beside this app.\n");
        app.Append("NotebookSession.StartApp(notebookFolder: \"").Append(Rel(notebook.Directory)).Append("\");\n\n");
        app.Append(body.ToString().TrimEnd()).Append('\n');
        if (types.Length > 0)
        {
            app.Append("\n// The types the notebook's cells declare: C# wants them after the top-level statements.\n\n");
            app.Append(types.ToString().TrimEnd()).Append('\n');
        }

        return (app.ToString(), cells);
    }

    /// <summary>Whether a cell carries the <see cref="TimingTag"/> Jupyter tag.</summary>
    public static bool IsTiming(SourceNotebook notebook, int cellNumber) =>
        notebook.CloneCellJson(cellNumber)["metadata"]?["tags"] is JsonArray tags
        && tags.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && s == TimingTag);

    /// <summary>
    /// Exports the notebooks (all of <c>notebooks/</c>, or the given ones) into <paramref name="outputDirectory"/>: the apps,
    /// the two props files and plotly.min.js. Every app is converted before any file is written; each file is written whole.
    /// Apps of notebooks that no longer exist (files starting with <see cref="HeaderMarker"/>) are deleted when exporting all.
    /// </summary>
    /// <param name="root">The repository root.</param>
    /// <param name="outputDirectory">Where to write (e.g. <c>artifacts/apps</c>).</param>
    /// <param name="notebookPaths">The notebooks to export, or null for every <c>notebooks/*.ipynb</c>.</param>
    /// <returns>The apps written, in book order.</returns>
    /// <exception cref="NotebookException">A notebook cannot be read or has a cell with no app form.</exception>
    /// <exception cref="FileNotFoundException">The setup file, or Plotly.NET (the source of plotly.min.js), is missing.</exception>
    /// <exception cref="InvalidDataException">The setup loads something that has no app form.</exception>
    public static IReadOnlyList<ExportedApp> ExportBook(string root, string outputDirectory, IReadOnlyList<string>? notebookPaths = null)
    {
        var notebooksDirectory = Path.Combine(root, "notebooks");
        var all = notebookPaths is null;
        var paths = notebookPaths ?? Directory.GetFiles(notebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        var setup = ReadSetup(Path.Combine(notebooksDirectory, BookSetup.FileName), root);
        var outDir = Path.GetFullPath(outputDirectory);
        var converted = paths.Select(p =>
        {
            var notebook = SourceNotebook.Load(p);
            var (text, cells) = ToApp(notebook, setup, outDir);
            return (App: new ExportedApp(notebook.Name, Path.Combine(outDir, notebook.Name + ".cs"), cells), Text: text);
        }).ToList();
        var plotly = PlotlyOffline.ExtractPlotlyJs();

        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, "Directory.Build.props"), BuildProps);
        AtomicFile.WriteAllText(Path.Combine(outDir, "Directory.Packages.props"), PackagesProps);
        AtomicFile.WriteAllBytes(Path.Combine(outDir, PlotlyOffline.FileName), plotly.Content);
        foreach (var (app, text) in converted) AtomicFile.WriteAllText(app.Path, text);
        if (all)
        {
            var current = converted.Select(c => c.App.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var stale in Directory.GetFiles(outDir, "*.cs").Where(f => !current.Contains(f)))
            {
                using (var reader = new StreamReader(stale))
                {
                    if (reader.ReadLine()?.StartsWith(HeaderMarker, StringComparison.Ordinal) != true) continue;
                }

                File.Delete(stale);
            }
        }

        return converted.Select(c => c.App).ToList();
    }

    /// <summary>The code of one cell for the app: its usings (to hoist), its statements as the app's text, its type declarations (to move).</summary>
    /// <summary>How one cell renames a name that a later cell declares again (<see cref="Renames"/>).</summary>
    /// <param name="Name">The name in the app, e.g. <c>net1</c> for the notebook's first <c>net</c>.</param>
    /// <param name="DeclaredHere">Whether this cell is the one that declares it.</param>
    /// <param name="RedeclaredIn">The cell that declares the name again.</param>
    private sealed record Rename(string Name, bool DeclaredHere, int RedeclaredIn);

    /// <summary>
    /// A notebook may declare a name again in a later cell (each cell is its own submission); one C# file may not. Each
    /// declaration but the last of such a name is renamed (<c>net</c> → <c>net1</c>, <c>net2</c>, …; a suffix no
    /// identifier of the notebook uses) from its declaring cell up to the cell before the next declaration; the last
    /// keeps the notebook's name, so the cells after it read as in the notebook.
    /// </summary>
    /// <returns>Per cell number: name in the notebook → its rename in that cell.</returns>
    private static Dictionary<int, Dictionary<string, Rename>> Renames(SourceNotebook notebook)
    {
        var code = notebook.CodeCells
            .Where(c => !c.IsEmptyCode && BookSetup.Normalize(c.Source) != BookSetup.Normalize(BookSetup.Cell) && !MagicLine().IsMatch(c.Source))
            .Select(c => (Cell: c, Root: CSharpSyntaxTree.ParseText(c.Source.Replace("\r\n", "\n"), ScriptParse).GetCompilationUnitRoot()))
            .ToList();
        var identifiers = code.SelectMany(c => c.Root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText))
            .ToHashSet(StringComparer.Ordinal);
        var declaring = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (cell, root) in code)
        {
            foreach (var name in TopLevelDeclarations(root).Select(t => t.ValueText).Distinct())
            {
                if (!declaring.TryGetValue(name, out var list)) declaring[name] = list = [];
                list.Add(cell.Number);
            }
        }

        var renames = new Dictionary<int, Dictionary<string, Rename>>();
        foreach (var (name, cellsDeclaring) in declaring.Where(d => d.Value.Count > 1))
        {
            for (int j = 0; j + 1 < cellsDeclaring.Count; j++)
            {
                var fresh = name + (j + 1);
                while (identifiers.Contains(fresh)) fresh += "_";
                identifiers.Add(fresh);
                foreach (var (cell, _) in code.Where(c => c.Cell.Number >= cellsDeclaring[j] && c.Cell.Number < cellsDeclaring[j + 1]))
                {
                    if (!renames.TryGetValue(cell.Number, out var map)) renames[cell.Number] = map = new(StringComparer.Ordinal);
                    map[name] = new Rename(fresh, cell.Number == cellsDeclaring[j], cellsDeclaring[j + 1]);
                }
            }
        }

        return renames;
    }

    private static (List<string> Usings, string Code, List<string> Types, List<string> Names) ConvertCell(SourceNotebook notebook, SourceCell cell, IReadOnlyDictionary<string, Rename> rename)
    {
        NotebookExportException Fail(string what) =>
            new(notebook.Path, cell.Number, $"cell {cell.Number} of {notebook.FileName} has no form in a file-based app: {what} (`{cell.FirstLine}`).");

        var source = cell.Source.Replace("\r\n", "\n");
        if (MagicLine().Match(source) is { Success: true } magic)
            throw Fail($"the magic command `{magic.Value.Trim()}` (only the setup cell may use one)");

        var tree = CSharpSyntaxTree.ParseText(source, ScriptParse);
        var root = tree.GetCompilationUnitRoot();
        if (tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
            throw Fail($"it does not parse as C#: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} at line {error.Location.GetLineSpan().StartLinePosition.Line + 1}");
        if (root.GetReferenceDirectives().Count > 0 || root.GetLoadDirectives().Count > 0)
            throw Fail("#r or #load outside the setup (an app references packages and projects in its header)");

        var usings = new List<string>();
        var types = new List<string>();
        var edits = new List<(TextSpan Span, string Text)>();
        foreach (var u in root.Usings)
        {
            usings.Add(u.WithoutTrivia().ToString());
            edits.Add((TextSpan.FromBounds(u.SpanStart, u.FullSpan.End), ""));
        }

        var moved = new List<TextSpan>();
        var names = new List<string>();
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case GlobalStatementSyntax global:
                    names.AddRange(TopLevelNames(global.Statement).Select(t => t.ValueText));
                    break;
                case FieldDeclarationSyntax field:
                    names.AddRange(field.Declaration.Variables.Select(v => v.Identifier.Text));
                    if (field.Modifiers.Any(m => !m.IsKind(SyntaxKind.ConstKeyword)))
                        throw Fail($"the top-level variable is declared `{field.Modifiers}` (a local variable of an app cannot be)");
                    break;
                case MethodDeclarationSyntax method:
                    if (method.Modifiers.Any(m => m.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword or SyntaxKind.VirtualKeyword or SyntaxKind.OverrideKeyword))
                        throw Fail($"the top-level method {method.Identifier.Text} is declared `{method.Modifiers}` (it becomes a local function, which cannot be)");
                    names.Add(method.Identifier.Text);
                    break;
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                    types.Add(member.ToFullString().Trim('\n'));
                    moved.Add(member.FullSpan);
                    edits.Add((member.FullSpan, $"// ({TypeName(member)}, declared here in the notebook, is at the end of this file: C# wants types after the top-level statements.)\n"));
                    break;
                default:
                    throw Fail($"a top-level {member.Kind()} (only statements, variables, methods and types have an app form)");
            }
        }

        if (rename.Count > 0)
        {
            // Every use of a renamed name in this cell means the notebook's top-level variable, unless something inside
            // the cell declares the same name (a lambda's parameter, a nested local): then renaming would change meaning.
            var topLevel = TopLevelDeclarations(root).ToHashSet();
            foreach (var token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && rename.ContainsKey(t.ValueText) && !moved.Any(m => m.Contains(t.Span))))
            {
                var parent = token.Parent;
                bool isUse = parent is IdentifierNameSyntax id
                    && !(id.Parent is MemberAccessExpressionSyntax ma && ma.Name == id)
                    && id.Parent is not (MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax)
                    && !(id.Parent is QualifiedNameSyntax q && q.Right == id);
                var renamed = rename[token.ValueText].Name;
                if (isUse && parent!.Parent is AnonymousObjectMemberDeclaratorSyntax { NameEquals: null })
                    edits.Add((token.Span, $"{token.ValueText} = {renamed}")); // keep the member name it gives: new { net }
                else if (isUse && parent!.Parent is ArgumentSyntax { NameColon: null, Parent: TupleExpressionSyntax })
                    edits.Add((token.Span, $"{token.ValueText}: {renamed}")); // keep the element name it gives: (net, 1)
                else if (isUse || topLevel.Contains(token))
                    edits.Add((token.Span, renamed));
                else if (parent is ParameterSyntax or VariableDeclaratorSyntax or SingleVariableDesignationSyntax or ForEachStatementSyntax
                         or CatchDeclarationSyntax or LocalFunctionStatementSyntax or FromClauseSyntax or LetClauseSyntax or JoinClauseSyntax or QueryContinuationSyntax)
                    throw Fail($"it declares `{token.ValueText}` inside, while the notebook's `{token.ValueText}` is declared again in cell {rename[token.ValueText].RedeclaredIn} (rename one of them in the notebook)");
            }
        }

        foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is IdentifierNameSyntax { Identifier.Text: "display" } name && !moved.Any(m => m.Contains(name.Span)))
                edits.Add((name.Span, "DisplayHost.Show"));
        }

        if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
        {
            var expression = last.Expression;
            if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Console" } } })
            {
                edits.Add((new TextSpan(expression.Span.End, 0), ";"));
            }
            else
            {
                edits.Add((new TextSpan(expression.SpanStart, 0), "DisplayHost.Show("));
                edits.Add((new TextSpan(expression.Span.End, 0), ");"));
            }
        }

        var text = new StringBuilder(source);
        foreach (var (span, replacement) in edits.OrderByDescending(e => e.Span.Start).ThenByDescending(e => e.Span.Length))
        {
            text.Remove(span.Start, span.Length).Insert(span.Start, replacement);
        }

        return (usings, text.ToString().Trim('\n'), types, names);
    }

    /// <summary>The identifier tokens of the names a cell declares at its top level (see <see cref="TopLevelNames"/>).</summary>
    private static IEnumerable<SyntaxToken> TopLevelDeclarations(CompilationUnitSyntax root) =>
        root.Members.SelectMany(member => member switch
        {
            GlobalStatementSyntax global => TopLevelNames(global.Statement),
            FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier),
            MethodDeclarationSyntax method => [method.Identifier],
            _ => [],
        });

    /// <summary>
    /// The names a top-level statement declares in the scope all of an app's top-level statements share: a local
    /// variable or function, a deconstruction's variables, and the <c>out var</c> / pattern variables of an expression
    /// statement or an <c>if</c> condition (not those inside lambdas, which stay in the lambda). Discards (<c>_</c>) are not names.
    /// </summary>
    private static IEnumerable<SyntaxToken> TopLevelNames(StatementSyntax statement)
    {
        IEnumerable<SyntaxToken> Designated(SyntaxNode node) =>
            node.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax)
                .OfType<SingleVariableDesignationSyntax>()
                .Select(d => d.Identifier);

        return (statement switch
        {
            LocalDeclarationStatementSyntax local => local.Declaration.Variables.Select(v => v.Identifier)
                .Concat(local.Declaration.Variables.SelectMany(v => v.Initializer is null ? [] : Designated(v.Initializer))),
            LocalFunctionStatementSyntax function => [function.Identifier],
            ExpressionStatementSyntax expression => Designated(expression),
            IfStatementSyntax @if => Designated(@if.Condition),
            _ => [],
        }).Where(t => t.ValueText != "_");
    }

    private static string TypeName(MemberDeclarationSyntax member) => member switch
    {
        BaseTypeDeclarationSyntax t => t.Identifier.Text,
        DelegateDeclarationSyntax d => d.Identifier.Text,
        _ => member.Kind().ToString(),
    };

    /// <summary>A markdown cell as <c>//</c> comment lines (blank lines as a bare <c>//</c>).</summary>
    private static string Comment(string markdown)
    {
        var sb = new StringBuilder();
        foreach (var line in markdown.Replace("\r\n", "\n").TrimEnd().Split('\n'))
        {
            sb.Append(line.Length == 0 ? "//" : "// " + line.TrimEnd()).Append('\n');
        }

        return sb.ToString();
    }

    [GeneratedRegex("""^[ \t]*#r[ \t]+"(?<ref>[^"]+)"[ \t\r]*$""", RegexOptions.Multiline)]
    private static partial Regex ReferenceLine();

    [GeneratedRegex(@"^[ \t]*#!.*$", RegexOptions.Multiline)]
    private static partial Regex MagicLine();
}
