using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LinReg.Book.Html;

/// <summary>
/// C# syntax highlighting for notebook cells, by Roslyn's parser (the compiler the kernel runs the cells with): every
/// token and trivia of the cell, parsed as a script, is classified and wrapped in <c>&lt;span class="tok-…"&gt;</c>;
/// everything is HTML-escaped and the text round-trips exactly (Roslyn's trees keep every character).
/// </summary>
/// <remarks>
/// Classes: <c>tok-kw</c> keyword (contextual keywords where the parser used them as keywords, and <c>var</c>,
/// <c>dynamic</c>, <c>nint</c>, <c>nuint</c> as types, <c>nameof</c> as an operator); <c>tok-str</c> string and
/// character literals of every form, with the braces of interpolation holes (the hole's expression is highlighted
/// as code, its format clause plainly); <c>tok-com</c> comments and code excluded by <c>#if</c>; <c>tok-num</c> numeric
/// literals; <c>tok-dir</c> whole directive lines (<c>#r</c>, <c>#load</c>, <c>#!</c> magic commands, <c>#if</c>…); <c>tok-fn</c>
/// an identifier followed by <c>(</c> or by type arguments and <c>(</c>. Types are not guessed: without the cell's
/// references no classifier can know them. Never throws: malformed code is highlighted as far as it parses.
/// </remarks>
public static class CSharpHighlighter
{
    private static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Preview, DocumentationMode.Parse, SourceCodeKind.Script);

    /// <summary>Highlights a cell's source.</summary>
    /// <param name="code">C# source (may contain notebook directives).</param>
    /// <returns>HTML (no wrapping element): escaped text with <c>&lt;span class="tok-…"&gt;</c> markup.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    public static string Highlight(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var root = CSharpSyntaxTree.ParseText(code, ScriptOptions).GetRoot();
        var spans = new List<(TextSpan Span, string Class)>();
        foreach (var token in root.DescendantTokens(descendIntoTrivia: false))
        {
            AddTrivia(token.LeadingTrivia, spans);
            if (Classify(token) is { } cls && token.Span.Length > 0)
            {
                spans.Add((token.Span, cls));
            }

            AddTrivia(token.TrailingTrivia, spans);
        }

        return Render(code, spans);
    }

    private static void AddTrivia(SyntaxTriviaList trivia, List<(TextSpan, string)> spans)
    {
        foreach (var t in trivia)
        {
            switch (t.Kind())
            {
                case SyntaxKind.SingleLineCommentTrivia:
                case SyntaxKind.MultiLineCommentTrivia:
                case SyntaxKind.SingleLineDocumentationCommentTrivia:
                case SyntaxKind.MultiLineDocumentationCommentTrivia:
                case SyntaxKind.DisabledTextTrivia:
                    spans.Add((TrimLineEnd(t.ToFullString(), t.FullSpan), "com"));
                    break;
                default:
                    if (t.IsDirective || t.IsKind(SyntaxKind.ShebangDirectiveTrivia) || t.IsKind(SyntaxKind.BadDirectiveTrivia))
                    {
                        // The directive's own span: from '#' to the end of its line, without the line break.
                        var structure = t.GetStructure();
                        var span = structure?.Span ?? t.Span;
                        spans.Add((span, "dir"));
                    }

                    break;
            }
        }
    }

    /// <summary>A trivia's span without a trailing line break (disabled text and doc comments end with one).</summary>
    private static TextSpan TrimLineEnd(string text, TextSpan span)
    {
        var length = text.TrimEnd('\r', '\n').Length;
        return new TextSpan(span.Start, length);
    }

    private static string? Classify(SyntaxToken token)
    {
        var kind = token.Kind();
        switch (kind)
        {
            case SyntaxKind.StringLiteralToken:
            case SyntaxKind.CharacterLiteralToken:
            case SyntaxKind.Utf8StringLiteralToken:
            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.MultiLineRawStringLiteralToken:
            case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
            case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
            case SyntaxKind.InterpolatedStringStartToken:
            case SyntaxKind.InterpolatedVerbatimStringStartToken:
            case SyntaxKind.InterpolatedSingleLineRawStringStartToken:
            case SyntaxKind.InterpolatedMultiLineRawStringStartToken:
            case SyntaxKind.InterpolatedStringEndToken:
            case SyntaxKind.InterpolatedRawStringEndToken:
                return "str";
            case SyntaxKind.InterpolatedStringTextToken:
                // The text of a format clause ({x:F3}) is not part of the string's text.
                return token.Parent is InterpolationFormatClauseSyntax ? null : "str";
            case SyntaxKind.OpenBraceToken or SyntaxKind.CloseBraceToken when token.Parent is InterpolationSyntax:
                return "str";
            case SyntaxKind.NumericLiteralToken:
                return "num";
            case SyntaxKind.IdentifierToken:
                return ClassifyIdentifier(token);
        }

        return SyntaxFacts.IsKeywordKind(kind) ? "kw" : null;
    }

    private static string? ClassifyIdentifier(SyntaxToken token)
    {
        if (token.Parent is IdentifierNameSyntax name)
        {
            switch (token.ValueText)
            {
                case "var" or "dynamic" or "nint" or "nuint" when SyntaxFacts.IsInTypeOnlyContext(name) || IsDeclarationType(name):
                    return "kw";
                case "nameof" when name.Parent is InvocationExpressionSyntax invocation && invocation.Expression == name:
                    return "kw";
            }
        }

        var next = token.GetNextToken();
        if (next.IsKind(SyntaxKind.OpenParenToken))
        {
            return "fn";
        }

        if (token.Parent is GenericNameSyntax generic && generic.Identifier == token
            && generic.TypeArgumentList.GreaterThanToken.GetNextToken().IsKind(SyntaxKind.OpenParenToken))
        {
            return "fn";
        }

        return null;
    }

    /// <summary>The type of a local, a foreach variable or a deconstruction (<c>var x = …</c>, <c>var (a, b) = …</c>).</summary>
    private static bool IsDeclarationType(IdentifierNameSyntax name) => name.Parent switch
    {
        VariableDeclarationSyntax declaration => declaration.Type == name,
        ForEachStatementSyntax forEach => forEach.Type == name,
        DeclarationExpressionSyntax declaration => declaration.Type == name,
        _ => false,
    };

    private static string Render(string code, List<(TextSpan Span, string Class)> spans)
    {
        var sb = new StringBuilder(code.Length * 2);
        var at = 0;
        string? openClass = null;
        var openEnd = 0;
        foreach (var (span, cls) in spans.OrderBy(s => s.Span.Start))
        {
            if (span.Start < at || span.Length == 0)
            {
                continue; // never overlap (cannot happen with a well-formed tree; guards the round trip)
            }

            // Adjacent spans of one class merge into one element: "$\"loss = {" is one string span.
            if (openClass == cls && openEnd == span.Start)
            {
                sb.Append(HtmlText.Escape(code[span.Start..span.End]));
                openEnd = at = span.End;
                continue;
            }

            if (openClass is not null)
            {
                sb.Append("</span>");
                openClass = null;
            }

            sb.Append(HtmlText.Escape(code[at..span.Start]));
            sb.Append("<span class=\"tok-").Append(cls).Append("\">").Append(HtmlText.Escape(code[span.Start..span.End]));
            openClass = cls;
            openEnd = at = span.End;
        }

        if (openClass is not null)
        {
            sb.Append("</span>");
        }

        sb.Append(HtmlText.Escape(code[at..]));
        return sb.ToString();
    }
}
