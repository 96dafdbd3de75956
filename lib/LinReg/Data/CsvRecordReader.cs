using System.Text;

namespace LinReg.Data;

/// <summary>
/// Splits CSV text into records of fields, by the rules <see cref="CsvTable"/> documents: records end at LF, CRLF or a
/// lone CR; a field whose first non-blank character is a double quote is quoted and runs to the matching closing quote
/// ("" inside stands for one quote; commas and line breaks inside are data; blanks between the closing quote and the
/// next comma are ignored, anything else there is an error); an unquoted field is everything up to the next comma or
/// line end, with surrounding whitespace removed (a quote inside it is an ordinary character); a leading byte-order
/// mark is skipped; blank lines (nothing but whitespace) are skipped. Each record carries the physical line it starts on.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly string _source;
    private readonly char[] _buffer = new char[1 << 16];
    private int _pos, _len;
    private int _line = 1;
    private bool _started;

    internal CsvRecordReader(TextReader reader, string source)
    {
        _reader = reader;
        _source = source;
    }

    /// <summary>The next non-blank record and the line it starts on, or null at the end of the text.</summary>
    internal (string[] Fields, int Line)? Next()
    {
        if (!_started)
        {
            _started = true;
            if (Peek() == '\uFEFF') Read();
        }
        while (Peek() >= 0)
        {
            int start = _line;
            var (fields, blank) = ReadRecord();
            if (!blank) return (fields, start);
        }
        return null;
    }

    private (string[] Fields, bool Blank) ReadRecord()
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool anyQuoted = false;
        while (true)
        {
            // start of a field: skip blanks (not line breaks); a quote opens a quoted field
            int c;
            while ((c = Peek()) >= 0 && c != '\r' && c != '\n' && char.IsWhiteSpace((char)c)) Read();
            if (c == '"')
            {
                anyQuoted = true;
                int opened = _line;
                Read();
                ReadQuoted(sb, opened);
                // after the closing quote: blanks, then a comma, a line end or the end of the text
                while ((c = Peek()) >= 0 && c != '\r' && c != '\n' && char.IsWhiteSpace((char)c)) Read();
                if (c >= 0 && c != ',' && c != '\r' && c != '\n')
                    throw new FormatException(
                        $"{_source}, line {_line}, field {fields.Count + 1}: text after the closing quote (\"{(char)c}…\"); " +
                        "quote the whole field and write a quote inside it as \"\".");
                fields.Add(sb.ToString());
            }
            else
            {
                while ((c = Peek()) >= 0 && c != ',' && c != '\r' && c != '\n') sb.Append((char)Read());
                fields.Add(sb.ToString().Trim());
            }
            sb.Clear();
            c = Read();
            if (c == ',') continue;
            if (c == '\r' && Peek() == '\n') Read();
            if (c >= 0) _line++;
            bool blank = !anyQuoted && fields.Count == 1 && fields[0].Length == 0;
            return (fields.ToArray(), blank);
        }
    }

    /// <summary>Reads a quoted field's content after its opening quote, through its closing quote.</summary>
    private void ReadQuoted(StringBuilder sb, int opened)
    {
        while (true)
        {
            int c = Read();
            if (c < 0)
                throw new FormatException($"{_source}, line {opened}: unterminated quoted field (the quote opened on line {opened} is never closed).");
            if (c == '"')
            {
                if (Peek() != '"') return;
                Read();
                sb.Append('"');
                continue;
            }
            sb.Append((char)c);
            if (c == '\n' || (c == '\r' && Peek() != '\n')) _line++;   // a line break inside the field (CRLF counted once)
        }
    }

    private int Peek()
    {
        if (_pos == _len && !Fill()) return -1;
        return _buffer[_pos];
    }

    private int Read()
    {
        if (_pos == _len && !Fill()) return -1;
        return _buffer[_pos++];
    }

    private bool Fill()
    {
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }
}
