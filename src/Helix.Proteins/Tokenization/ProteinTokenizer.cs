namespace Helix.Proteins.Tokenization;

/// <summary>
/// The protein vocabulary: 5 special tokens (PAD, MASK, BOS, EOS, UNK), the 20 standard amino acids, and the
/// ambiguous or rare codes B, O, U, X, Z. Token ids are fixed, so checkpoints stay compatible.
/// </summary>
public static class ProteinTokenizer
{
    /// <summary>Padding (ignored by attention and the loss).</summary>
    public const int Pad = 0;
    /// <summary>The mask token of masked-language modelling.</summary>
    public const int Mask = 1;
    /// <summary>Start of a protein.</summary>
    public const int Bos = 2;
    /// <summary>End of a protein (also the separator in concatenated windows).</summary>
    public const int Eos = 3;
    /// <summary>A letter that is not an amino-acid code (J, or anything unexpected).</summary>
    public const int Unk = 4;
    /// <summary>Id of the first residue token.</summary>
    public const int FirstResidue = 5;
    /// <summary>The 20 standard amino acids, in token order from <see cref="FirstResidue"/>.</summary>
    public const string StandardResidues = "ACDEFGHIKLMNPQRSTVWY";
    /// <summary>The ambiguous and rare codes, after the standard ones.</summary>
    public const string ExtraResidues = "BOUXZ";
    /// <summary>Number of tokens.</summary>
    public const int VocabSize = FirstResidue + 25;
    /// <summary>Label value for positions the loss ignores.</summary>
    public const long IgnoreLabel = -100;

    static readonly string Letters = StandardResidues + ExtraResidues;
    static readonly byte[] Table = BuildTable();

    static byte[] BuildTable()
    {
        var t = new byte[128];
        Array.Fill(t, (byte)Unk);
        for (int i = 0; i < Letters.Length; i++)
        {
            t[Letters[i]] = (byte)(FirstResidue + i);
            t[char.ToLowerInvariant(Letters[i])] = (byte)(FirstResidue + i);
        }
        return t;
    }

    /// <summary>The token of residue letter <paramref name="c"/> (UNK when it is not an amino-acid code).</summary>
    public static byte Encode(char c) => c < 128 ? Table[c] : (byte)Unk;

    /// <summary>Encodes <paramref name="sequence"/> into <paramref name="into"/> (same length); returns how many letters became UNK.</summary>
    public static int Encode(ReadOnlySpan<char> sequence, Span<byte> into)
    {
        if (into.Length < sequence.Length) throw new ArgumentException("output span is shorter than the sequence");
        int unknown = 0;
        for (int i = 0; i < sequence.Length; i++)
        {
            byte t = Encode(sequence[i]);
            into[i] = t;
            if (t == Unk) unknown++;
        }
        return unknown;
    }

    /// <summary>The tokens of <paramref name="sequence"/>, and the number of letters that became UNK.</summary>
    public static (byte[] Tokens, int Unknown) Encode(string sequence)
    {
        var tokens = new byte[sequence.Length];
        int unknown = Encode(sequence, tokens);
        return (tokens, unknown);
    }

    /// <summary>The letter of a token: residues as their code, MASK as '?', UNK as '#', the other specials as '.'.</summary>
    public static char Decode(long token) => token switch
    {
        >= FirstResidue and < VocabSize => Letters[(int)token - FirstResidue],
        Mask => '?',
        Unk => '#',
        _ => '.',
    };

    /// <summary>Decodes residue tokens into letters (see <see cref="Decode(long)"/>).</summary>
    public static string Decode(IEnumerable<long> tokens) => new(tokens.Select(Decode).ToArray());

    /// <summary>True for the 25 residue tokens (standard and extra codes).</summary>
    public static bool IsResidue(long token) => token >= FirstResidue && token < VocabSize;

    /// <summary>The token's display name (PAD, MASK, BOS, EOS, UNK or the residue letter).</summary>
    public static string Name(long token) => token switch
    {
        Pad => "PAD", Mask => "MASK", Bos => "BOS", Eos => "EOS", Unk => "UNK",
        _ => Decode(token).ToString(),
    };
}
