namespace Helix.XDoc.Tests;

public class TopicFileReaderTests
{
    static Topic? Read(string text, List<DocDiagnostic> d) => TopicFileReader.Read(System.Text.Encoding.UTF8.GetBytes(text), "x.md", d);

    [Fact]
    public void Header_and_body_are_read_with_lines()
    {
        var d = new List<DocDiagnostic>();
        var t = Read("---\nname: A topic\nparents: P1, P2\nshort: Short line.\n---\nBody line one.\n", d);
        Assert.Empty(d);
        Assert.NotNull(t);
        Assert.Equal("A topic", t!.Name);
        Assert.Equal(["P1", "P2"], t.Parents);
        Assert.Equal("Short line.", t.Short);
        Assert.StartsWith("Body line one.", t.Long);
        Assert.Equal(2, t.Location.Line);
        Assert.Equal(6, t.LongLine);
    }

    [Fact]
    public void A_missing_header_is_malformed_at_line_1()
    {
        var d = new List<DocDiagnostic>();
        Assert.Null(Read("# just markdown\n", d));
        var e = Assert.Single(d);
        Assert.Equal(DiagnosticCodes.Malformed, e.Code);
        Assert.Equal(1, e.Location.Line);
    }

    [Fact]
    public void Unknown_keys_and_unclosed_headers_are_reported_with_their_line()
    {
        var d = new List<DocDiagnostic>();
        Read("---\nname: A\nshort: s\ncolour: red\n---\n", d);
        var e = Assert.Single(d);
        Assert.Equal(4, e.Location.Line);
        Assert.Contains("colour", e.Message);
        d.Clear();
        Assert.Null(Read("---\nname: A\nshort: s\n", d));
        Assert.Contains("not closed", Assert.Single(d).Message);
    }

    [Fact]
    public void A_file_that_is_not_utf8_gets_an_encoding_error_at_the_bad_byte()
    {
        var d = new List<DocDiagnostic>();
        byte[] bytes = [.. "---\nname: A\nshort: s\n---\nab"u8, 0xC3, 0x28, .. "\n"u8];
        Assert.Null(TopicFileReader.Read(bytes, "bad.md", d));
        var e = Assert.Single(d);
        Assert.Equal(DiagnosticCodes.Encoding, e.Code);
        Assert.Equal(new SourceLocation("bad.md", 5, 3), e.Location);
    }

    [Fact]
    public void A_utf8_bom_and_crlf_line_ends_are_accepted()
    {
        var d = new List<DocDiagnostic>();
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "---\r\nname: Ä\r\nshort: ü\r\n---\r\nx\r\n"u8];
        var t = TopicFileReader.Read(bytes, "x.md", d);
        Assert.Empty(d);
        Assert.Equal("Ä", t!.Name);
    }
}
