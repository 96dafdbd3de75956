using System.Text;

namespace LinReg.Book.Html;

/// <summary>HTML escaping that leaves non-ASCII text readable (WebUtility.HtmlEncode turns × into &amp;#215;).</summary>
internal static class HtmlText
{
    /// <summary>Escapes &amp; &lt; &gt; " and ' so the text is safe in element content and quoted attributes.</summary>
    public static string Escape(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>\"'") < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
