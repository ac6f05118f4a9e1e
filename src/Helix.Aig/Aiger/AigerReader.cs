using System.Text;

namespace Helix.Aig.Aiger;

/// <summary>
/// Strict reader of AIGER 1.9 (ASCII <c>aag</c> and binary <c>aig</c>): latches with reset values, bad states,
/// constraints, justice, fairness, the symbol table and comments. Every malformed input throws an
/// <see cref="AigerFormatException"/> with the byte offset and what was expected; nothing is allocated beyond
/// what the file's size can justify, so hostile headers cannot exhaust memory.
/// </summary>
public static class AigerReader
{
    /// <summary>Reads a file; the format comes from its header, not its name.</summary>
    public static Aignet ReadFile(string path) => Read(File.ReadAllBytes(path), path);

    /// <summary>Reads AIGER from bytes; <paramref name="source"/> names the input in error messages.</summary>
    public static Aignet Read(ReadOnlySpan<byte> data, string? source = null) => new Parser(data, source).Parse();

    ref struct Parser
    {
        readonly ReadOnlySpan<byte> _d;
        readonly string? _source;
        int _p;

        public Parser(ReadOnlySpan<byte> data, string? source) { _d = data; _source = source; _p = 0; }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public Aignet Parse()
        {
            bool binary;
            if (Starts("aag ")) binary = false;
            else if (Starts("aig ")) binary = true;
            else throw Error("expected the header 'aag M I L O A' or 'aig M I L O A'");
            _p = 4;
            long m = Number("M"); Space("I"); long i = Number("I"); Space("L"); long l = Number("L");
            Space("O"); long o = Number("O"); Space("A"); long a = Number("A");
            long b = 0, c = 0, j = 0, f = 0;
            if (Peek() == ' ') { _p++; b = Number("B"); }
            if (Peek() == ' ') { _p++; c = Number("C"); }
            if (Peek() == ' ') { _p++; j = Number("J"); }
            if (Peek() == ' ') { _p++; f = Number("F"); }
            Newline("the end of the header");
            long defined = i + l + a;
            if (m < defined) throw Error($"M = {m} is smaller than I + L + A = {defined}");
            if (binary && m != defined) throw Error($"binary AIGER needs M = I + L + A, but M = {m} and I + L + A = {defined}");
            long minBytes = (binary ? l + o + b + c + j + f + 2 * a : i + l + o + a + b + c + j + f);
            if (minBytes > _d.Length - _p) throw Error($"the header promises {minBytes} more entries than the {_d.Length - _p} bytes left can hold; the file is truncated or the header is wrong");
            if (m > int.MaxValue / 2 - 1) throw Error($"M = {m} is too large (at most {int.MaxValue / 2 - 1})");
            var ctx = new Build((int)m, (int)i, (int)l, (int)a);
            if (binary) ParseBinary(ctx, (int)o, (int)b, (int)c, (int)j, (int)f);
            else ParseAscii(ctx, (int)o, (int)b, (int)c, (int)j, (int)f);
            ParseSymbolsAndComments(ctx.G);
            return ctx.G;
        }

        // ---------------- ASCII ----------------

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        void ParseAscii(Build ctx, int o, int b, int c, int j, int f)
        {
            for (int k = 0; k < ctx.I; k++)
            {
                long at = _p;
                int lit = Literal(ctx.M, "an input literal");
                if ((lit & 1) != 0 || lit < 2) throw ErrorAt(at, $"input literal {lit} must be even and not 0 or 1");
                ctx.DefineCi(lit >> 1, AigNodeKind.Input, at, ref this);
                Newline("the end of the input line");
            }
            var latchNext = new int[ctx.L]; var latchAt = new long[ctx.L];
            for (int k = 0; k < ctx.L; k++)
            {
                long at = _p;
                int lit = Literal(ctx.M, "a latch literal");
                if ((lit & 1) != 0 || lit < 2) throw ErrorAt(at, $"latch literal {lit} must be even and not 0 or 1");
                ctx.DefineCi(lit >> 1, AigNodeKind.Latch, at, ref this);
                Space("the latch's next-state literal");
                latchAt[k] = _p;
                latchNext[k] = Literal(ctx.M, "the latch's next-state literal");
                ReadReset(ctx, k, lit);
                Newline("the end of the latch line");
            }
            var outs = ReadLitLines(ctx.M, o, "an output literal");
            var bad = ReadLitLines(ctx.M, b, "a bad-state literal");
            var cons = ReadLitLines(ctx.M, c, "a constraint literal");
            var just = ReadJustice(ctx.M, j);
            var fair = ReadLitLines(ctx.M, f, "a fairness literal");
            // AND definitions may come in any order in ASCII; build them in dependency order.
            var ands = new int[3 * ctx.A]; var andAt = new long[ctx.A];
            for (int k = 0; k < ctx.A; k++)
            {
                andAt[k] = _p;
                int lhs = Literal(ctx.M, "an AND gate's output literal");
                if ((lhs & 1) != 0 || lhs < 2) throw ErrorAt(andAt[k], $"AND output literal {lhs} must be even and not 0 or 1");
                Space("the AND gate's first input");
                int r0 = Literal(ctx.M, "the AND gate's first input");
                Space("the AND gate's second input");
                int r1 = Literal(ctx.M, "the AND gate's second input");
                Newline("the end of the AND line");
                ands[3 * k] = lhs; ands[3 * k + 1] = r0; ands[3 * k + 2] = r1;
                ctx.DefineAnd(lhs >> 1, k, andAt[k], ref this);
            }
            ctx.BuildAsciiAnds(ands, andAt, ref this);
            for (int k = 0; k < ctx.L; k++) ctx.G.SetLatchNext(k, ctx.Lit(latchNext[k], latchAt[k], ref this));
            FinishProperties(ctx, outs, bad, cons, just, fair);
        }

        // ---------------- binary ----------------

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        void ParseBinary(Build ctx, int o, int b, int c, int j, int f)
        {
            for (int k = 0; k < ctx.I; k++) ctx.DefineCi(k + 1, AigNodeKind.Input, _p, ref this);
            for (int k = 0; k < ctx.L; k++) ctx.DefineCi(ctx.I + k + 1, AigNodeKind.Latch, _p, ref this);
            var latchNext = new int[ctx.L]; var latchAt = new long[ctx.L];
            for (int k = 0; k < ctx.L; k++)
            {
                latchAt[k] = _p;
                latchNext[k] = Literal(ctx.M, "a latch's next-state literal");
                ReadReset(ctx, k, 2 * (ctx.I + k + 1));
                Newline("the end of the latch line");
            }
            var outs = ReadLitLines(ctx.M, o, "an output literal");
            var bad = ReadLitLines(ctx.M, b, "a bad-state literal");
            var cons = ReadLitLines(ctx.M, c, "a constraint literal");
            var just = ReadJustice(ctx.M, j);
            var fair = ReadLitLines(ctx.M, f, "a fairness literal");
            int first = ctx.I + ctx.L + 1;
            for (int k = 0; k < ctx.A; k++)
            {
                long at = _p;
                uint lhs = (uint)(2 * (first + k));
                uint d0 = VarUInt(), d1 = VarUInt();
                if (d0 == 0 || d0 > lhs) throw ErrorAt(at, $"AND gate {lhs}: first delta {d0} must be in 1..{lhs} (inputs must be smaller than the output)");
                uint r0 = lhs - d0;
                if (d1 > r0) throw ErrorAt(at, $"AND gate {lhs}: second delta {d1} exceeds the first input {r0}");
                uint r1 = r0 - d1;
                ctx.AddBinaryAnd(first + k, (int)r0, (int)r1);
            }
            for (int k = 0; k < ctx.L; k++) ctx.G.SetLatchNext(k, ctx.Lit(latchNext[k], latchAt[k], ref this));
            FinishProperties(ctx, outs, bad, cons, just, fair);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        uint VarUInt()
        {
            uint x = 0; int shift = 0;
            while (true)
            {
                if (_p >= _d.Length) throw Error("the file ends inside the binary AND section (expected more delta bytes)");
                byte ch = _d[_p++];
                if (shift == 28 && (ch & 0x70) != 0) throw ErrorAt(_p - 1, "a binary delta does not fit in 32 bits");
                x |= (uint)(ch & 0x7f) << shift;
                if ((ch & 0x80) == 0) return x;
                shift += 7;
                if (shift > 28) throw ErrorAt(_p - 1, "a binary delta is longer than 5 bytes");
            }
        }

        // ---------------- shared pieces ----------------

        void ReadReset(Build ctx, int k, int latchLit)
        {
            if (Peek() != ' ') return;
            _p++;
            long at = _p;
            long r = Number("the latch's reset value");
            if (r == 0 || r == 1) ctx.G.SetLatchReset(k, (int)r);
            else if (r == latchLit) ctx.G.SetLatchReset(k, -1);
            else throw ErrorAt(at, $"latch reset must be 0, 1 or the latch literal {latchLit}, not {r}");
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        (int Lit, long At)[] ReadLitLines(int m, int count, string what)
        {
            var r = new (int, long)[count];
            for (int k = 0; k < count; k++)
            {
                long at = _p;
                r[k] = (Literal(m, what), at);
                Newline("the end of the line after " + what);
            }
            return r;
        }

        (int Lit, long At)[][] ReadJustice(int m, int j)
        {
            var sizes = new int[j];
            for (int k = 0; k < j; k++)
            {
                long at = _p;
                long s = Number("a justice property's size");
                if (s > _d.Length - _p) throw ErrorAt(at, $"justice size {s} is larger than the rest of the file can hold");
                sizes[k] = (int)s;
                Newline("the end of the justice size line");
            }
            var r = new (int, long)[j][];
            for (int k = 0; k < j; k++) r[k] = ReadLitLines(m, sizes[k], "a justice literal");
            return r;
        }

        void FinishProperties(Build ctx, (int Lit, long At)[] outs, (int Lit, long At)[] bad, (int Lit, long At)[] cons,
            (int Lit, long At)[][] just, (int Lit, long At)[] fair)
        {
            var g = ctx.G;
            foreach (var (lit, at) in outs) g.AddOutput(ctx.Lit(lit, at, ref this));
            foreach (var (lit, at) in bad) { g.Bad.Add(ctx.Lit(lit, at, ref this)); g.BadNames.Add(null); }
            foreach (var (lit, at) in cons) { g.Constraints.Add(ctx.Lit(lit, at, ref this)); g.ConstraintNames.Add(null); }
            foreach (var js in just)
            {
                var arr = new AigLit[js.Length];
                for (int k = 0; k < js.Length; k++) arr[k] = ctx.Lit(js[k].Lit, js[k].At, ref this);
                g.Justice.Add(arr); g.JusticeNames.Add(null);
            }
            foreach (var (lit, at) in fair) { g.Fairness.Add(ctx.Lit(lit, at, ref this)); g.FairnessNames.Add(null); }
        }

        void ParseSymbolsAndComments(Aignet g)
        {
            while (_p < _d.Length)
            {
                long at = _p;
                byte t = _d[_p];
                if (t == 'c' && (_p + 1 == _d.Length || _d[_p + 1] == '\n'))
                {
                    _p = Math.Min(_d.Length, _p + 2);
                    while (_p < _d.Length) g.Comments.Add(RestOfLine());
                    return;
                }
                List<string?> names = t switch
                {
                    (byte)'i' => g.InputNames,
                    (byte)'l' => g.LatchNames,
                    (byte)'o' => g.OutputNames,
                    (byte)'b' => g.BadNames,
                    (byte)'c' => g.ConstraintNames,
                    (byte)'j' => g.JusticeNames,
                    (byte)'f' => g.FairnessNames,
                    _ => throw Error("expected a symbol line ('i', 'l', 'o', 'b', 'c', 'j' or 'f' then index and name) or 'c' starting the comments"),
                };
                _p++;
                long idx = Number("a symbol index");
                if (idx >= names.Count) throw ErrorAt(at + 1, $"symbol index {idx} is out of range: there are {names.Count} of '{(char)t}'");
                Space("the symbol name");
                string name = RestOfLine();
                if (name.Length == 0) throw ErrorAt(at, "empty symbol name");
                if (names[(int)idx] != null) throw ErrorAt(at, $"symbol '{(char)t}{idx}' is defined twice");
                names[(int)idx] = name;
            }
        }

        string RestOfLine()
        {
            int start = _p;
            int nl = _d[_p..].IndexOf((byte)'\n');
            int end = nl < 0 ? _d.Length : _p + nl;
            _p = nl < 0 ? _d.Length : end + 1;
            return Encoding.UTF8.GetString(_d[start..end]);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        int Literal(int m, string what)
        {
            long at = _p;
            long v = Number(what);
            if (v > 2L * m + 1) throw ErrorAt(at, $"literal {v} exceeds the largest literal 2M+1 = {2L * m + 1} ({what})");
            return (int)v;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        long Number(string what)
        {
            if (_p >= _d.Length) throw Error($"the file ends where {what} (an unsigned number) was expected");
            byte ch = _d[_p];
            if (ch < '0' || ch > '9') throw Error($"expected {what} (an unsigned number), found {Describe(ch)}");
            long v = 0;
            while (_p < _d.Length && (ch = _d[_p]) >= '0' && ch <= '9')
            {
                v = v * 10 + (ch - '0');
                if (v > int.MaxValue) throw Error($"{what} is too large (more than {int.MaxValue})");
                _p++;
            }
            return v;
        }

        void Space(string before)
        {
            if (_p >= _d.Length || _d[_p] != ' ') throw Error($"expected one space before {before}, found {(_p < _d.Length ? Describe(_d[_p]) : "the end of the file")}");
            _p++;
        }

        void Newline(string what)
        {
            if (_p >= _d.Length || _d[_p] != '\n') throw Error($"expected a newline at {what}, found {(_p < _d.Length ? Describe(_d[_p]) : "the end of the file")}");
            _p++;
        }

        readonly int Peek() => _p < _d.Length ? _d[_p] : -1;

        readonly bool Starts(string s)
        {
            if (_d.Length < s.Length) return false;
            for (int k = 0; k < s.Length; k++) if (_d[k] != s[k]) return false;
            return true;
        }

        static string Describe(byte ch) => ch switch
        {
            (byte)'\n' => "a newline",
            (byte)' ' => "a space",
            >= 33 and < 127 => $"'{(char)ch}'",
            _ => $"byte 0x{ch:x2}",
        };

        public readonly AigerFormatException Error(string message) => ErrorAt(_p, message);

        public readonly AigerFormatException ErrorAt(long offset, string message)
        {
            int line = 1;
            int end = (int)Math.Min(offset, _d.Length);
            line += _d[..end].Count((byte)'\n');
            return new AigerFormatException(message, offset, line, _source);
        }
    }

    /// <summary>The network being built and the map from AIGER variables to its literals.</summary>
    sealed class Build
    {
        public readonly Aignet G = new();
        public readonly int M, I, L, A;
        // Variable -> Aignet literal (or -1 undefined); for ASCII ANDs before building, -2 - andIndex. Sparse when M is huge.
        readonly int[]? _dense;
        readonly Dictionary<int, int>? _sparse;

        public Build(int m, int i, int l, int a)
        {
            M = m; I = i; L = l; A = a;
            G.Reserve(i + l + a + 1);
            long defined = (long)i + l + a;
            if (m <= Math.Max(1 << 16, 4 * defined)) { _dense = new int[m + 1]; Array.Fill(_dense, -1); _dense[0] = 0; }
            else { _sparse = new Dictionary<int, int> { [0] = 0 }; }
        }

        int Get(int v) => _dense != null ? _dense[v] : _sparse!.TryGetValue(v, out var x) ? x : -1;
        void Set(int v, int x) { if (_dense != null) _dense[v] = x; else _sparse![v] = x; }

        public void DefineCi(int v, AigNodeKind kind, long at, ref Parser p)
        {
            if (Get(v) != -1) throw p.ErrorAt(at, $"variable {v} is defined twice");
            Set(v, (kind == AigNodeKind.Input ? G.AddInput() : G.AddLatch()).Value);
        }

        public void DefineAnd(int v, int index, long at, ref Parser p)
        {
            if (Get(v) != -1) throw p.ErrorAt(at, $"variable {v} is defined twice");
            Set(v, -2 - index);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddBinaryAnd(int v, int r0, int r1)
        {
            // Binary order guarantees both inputs are already defined (smaller variables).
            int x = Get(r0 >> 1) ^ (r0 & 1), y = Get(r1 >> 1) ^ (r1 & 1);
            Set(v, 2 * G.AddAndRaw(x, y));
        }

        public AigLit Lit(int lit, long at, ref Parser p)
        {
            int x = Get(lit >> 1);
            if (x < 0) throw p.ErrorAt(at, $"literal {lit} uses variable {lit >> 1}, which is not defined as an input, latch or AND gate");
            return new AigLit(x ^ (lit & 1));
        }

        /// <summary>Creates the ASCII AND gates in dependency order with an explicit stack; a cycle is an error.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void BuildAsciiAnds(int[] ands, long[] andAt, ref Parser p)
        {
            var state = new byte[A]; // 0 new, 1 on stack, 2 done
            var stack = new Stack<int>();
            for (int root = 0; root < A; root++)
            {
                if (state[root] == 2) continue;
                stack.Push(root);
                while (stack.Count > 0)
                {
                    int k = stack.Peek();
                    if (state[k] == 0) state[k] = 1;
                    bool ready = true;
                    for (int s = 1; s <= 2; s++)
                    {
                        int v = ands[3 * k + s] >> 1;
                        int x = Get(v);
                        if (x == -1) throw p.ErrorAt(andAt[k], $"AND gate {ands[3 * k]} uses literal {ands[3 * k + s]}, whose variable {v} is never defined");
                        if (x >= 0) continue;
                        int dep = -2 - x;
                        if (state[dep] == 1) throw p.ErrorAt(andAt[k], $"AND gate {ands[3 * k]} is part of a combinational cycle (through AND gate {ands[3 * dep]})");
                        stack.Push(dep); ready = false;
                        break;
                    }
                    if (!ready) continue;
                    stack.Pop();
                    int r0 = ands[3 * k + 1], r1 = ands[3 * k + 2];
                    int a = Get(r0 >> 1) ^ (r0 & 1), b = Get(r1 >> 1) ^ (r1 & 1);
                    Set(ands[3 * k] >> 1, 2 * G.AddAndRaw(a, b));
                    state[k] = 2;
                }
            }
        }
    }
}
