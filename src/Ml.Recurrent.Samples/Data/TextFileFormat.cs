namespace Ml.Recurrent.Samples.Data;

/// <summary>How a delimited text file separates and quotes its fields.</summary>
public enum TextFileFormat
{
    /// <summary>
    /// Tab-separated, no quoting at all: quotes are ordinary characters. A line is split into at most as many
    /// fields as the header has, so the last column keeps any further tabs (as in ../shared/data).
    /// </summary>
    Tsv = 0,

    /// <summary>
    /// Comma-separated (RFC 4180): a field that starts with a quote ends at the matching quote, may hold commas,
    /// tabs and line breaks, and writes a quote as two quotes. Quotes inside an unquoted field are kept as they are.
    /// </summary>
    Csv = 1,
}
