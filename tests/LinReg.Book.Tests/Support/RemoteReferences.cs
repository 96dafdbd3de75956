using System.Text.RegularExpressions;

namespace LinReg.Book.Tests.Support;

/// <summary>
/// What in an output's HTML makes a browser fetch code or style from another host — the definition the offline
/// tests use. A reference is remote when its address is absolute http(s) or protocol-relative (<c>//host/…</c>):
/// <list type="bullet">
/// <item><c>&lt;script src=…&gt;</c> — a remote script;</item>
/// <item><c>&lt;link href=…&gt;</c> — remote CSS (or any linked resource);</item>
/// <item>inside a script: a require.js path or dependency (<c>paths: {x: 'https://…'}</c>, <c>require(['https://…'])</c>),
/// a dynamic or static ES module import (<c>import('https://…')</c>, <c>import … from 'https://…'</c>),
/// <c>importScripts('https://…')</c>, or an element given a remote <c>src</c> (<c>x.src = 'https://…'</c>,
/// <c>setAttribute('src', 'https://…')</c>) — how Plotly.NET.Interactive's formatter loads require.js. (A remote
/// <c>href</c> set by a script is not counted: plotly.js sets its logo link's and the map attribution's <c>a.href</c>
/// to the project's and the map provider's home pages — links a reader may click, not fetches.)</item>
/// <item>in a style: <c>@import url(https://…)</c>.</item>
/// </list>
/// Not a reference: an address that is just data. plotly.js embeds many URL strings (map tile and style hosts, its
/// documentation, licence links); they are fetched only when a map trace asks for them, which no chart of the book
/// has, and none of them has one of the forms above (<c>OfflineOutputTests</c> checks the bundle itself).
/// </summary>
internal static partial class RemoteReferences
{
    /// <summary>Every remote reference in <paramref name="html"/>, each as "form: address".</summary>
    public static IReadOnlyList<string> Find(string html)
    {
        var found = new List<string>();
        foreach (Match m in ScriptSrc().Matches(html)) found.Add("<script src>: " + m.Groups["url"].Value);
        foreach (Match m in LinkHref().Matches(html)) found.Add("<link href>: " + m.Groups["url"].Value);
        foreach (Match m in RequirePath().Matches(html)) found.Add("require.js path: " + m.Groups["url"].Value);
        foreach (Match m in RequireDependency().Matches(html)) found.Add("require() dependency: " + m.Groups["url"].Value);
        foreach (Match m in ModuleImport().Matches(html)) found.Add("import: " + m.Groups["url"].Value);
        foreach (Match m in SrcAssignment().Matches(html)) found.Add("src set by script: " + m.Groups["url"].Value);
        foreach (Match m in CssImport().Matches(html)) found.Add("@import: " + m.Groups["url"].Value);
        return found;
    }

    private const string Remote = @"(?<url>(?:https?:)?//[^'""\s)>]+)";

    [GeneratedRegex(@"<script\b[^>]*?\bsrc\s*=\s*['""]?" + Remote, RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSrc();

    [GeneratedRegex(@"<link\b[^>]*?\bhref\s*=\s*['""]?" + Remote, RegexOptions.IgnoreCase)]
    private static partial Regex LinkHref();

    [GeneratedRegex(@"paths\s*:\s*\{[^}]*?['""]" + Remote)]
    private static partial Regex RequirePath();

    [GeneratedRegex(@"\brequire(?:js)?\s*\(\s*\[[^\]]*?['""]" + Remote)]
    private static partial Regex RequireDependency();

    [GeneratedRegex(@"(?:\bimport\s*\(\s*|\bimport\b[^;'""]*?\bfrom\s*|\bimportScripts\s*\(\s*)['""]" + Remote)]
    private static partial Regex ModuleImport();

    [GeneratedRegex(@"(?:\.src\s*=\s*|setAttribute\s*\(\s*['""]src['""]\s*,\s*)['""]" + Remote)]
    private static partial Regex SrcAssignment();

    [GeneratedRegex(@"@import\s+(?:url\(\s*)?['""]?" + Remote, RegexOptions.IgnoreCase)]
    private static partial Regex CssImport();
}
