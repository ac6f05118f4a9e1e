using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on the version-need entry named <see cref="Version"/> in each ELF64 file, but only
/// when the host's libstdc++ does not define that version. Leaves files untouched otherwise.
/// </summary>
public sealed class MarkGlibcxxNeedWeak : Task
{
    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Version { get; set; } = "";

    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    static readonly string[] LibStdCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
    };

    public override bool Execute()
    {
        string libstd = null;
        foreach (var c in LibStdCandidates) if (File.Exists(c)) { libstd = c; break; }
        if (libstd != null && Contains(File.ReadAllBytes(libstd), Encoding.ASCII.GetBytes(Version + "\0")))
        {
            Log.LogMessage(MessageImportance.Low, $"{libstd} defines {Version}; libLibTorchSharp.so left as is.");
            return true;
        }
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                var bytes = File.ReadAllBytes(path);
                int changed = MarkWeak(bytes, Version);
                if (changed < 0) { Log.LogWarning($"{path}: no version need {Version} found; not patched."); continue; }
                if (changed == 0) { Log.LogMessage(MessageImportance.Low, $"{path}: {Version} already weak."); continue; }
                var tmp = path + ".helix-tmp";
                File.WriteAllBytes(tmp, bytes);
                File.Copy(tmp, path, true);
                File.Delete(tmp);
                Log.LogMessage(MessageImportance.High, $"Helix: marked {Version} weak in {path} (host libstdc++ lacks it).");
            }
            catch (Exception e) { Log.LogError($"{path}: could not patch for {Version}: {e.Message}"); }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Returns 1 if an entry was changed, 0 if already weak, -1 if not found.</summary>
    static int MarkWeak(byte[] b, string version)
    {
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F' || b[4] != 2 || b[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");
        ulong shoff = BitConverter.ToUInt64(b, 0x28);
        int shentsize = BitConverter.ToUInt16(b, 0x3A), shnum = BitConverter.ToUInt16(b, 0x3C);
        for (int i = 0; i < shnum; i++)
        {
            int sh = checked((int)shoff + i * shentsize);
            if (BitConverter.ToUInt32(b, sh + 4) != ShtGnuVerneed) continue;
            int off = checked((int)BitConverter.ToUInt64(b, sh + 0x18));
            int link = (int)BitConverter.ToUInt32(b, sh + 0x28);
            int strOff = checked((int)BitConverter.ToUInt64(b, checked((int)shoff + link * shentsize) + 0x18));
            int vn = off;
            while (true)
            {
                int cnt = BitConverter.ToUInt16(b, vn + 2);
                int aux = vn + (int)BitConverter.ToUInt32(b, vn + 8);
                for (int k = 0; k < cnt; k++)
                {
                    int name = strOff + (int)BitConverter.ToUInt32(b, aux + 8);
                    if (CStringEquals(b, name, version))
                    {
                        ushort flags = BitConverter.ToUInt16(b, aux + 4);
                        if ((flags & VerFlgWeak) != 0) return 0;
                        ushort weak = (ushort)(flags | VerFlgWeak);
                        b[aux + 4] = (byte)(weak & 0xff);
                        b[aux + 5] = (byte)(weak >> 8);
                        return 1;
                    }
                    uint next = BitConverter.ToUInt32(b, aux + 12);
                    if (next == 0) break;
                    aux += (int)next;
                }
                uint vnNext = BitConverter.ToUInt32(b, vn + 12);
                if (vnNext == 0) break;
                vn += (int)vnNext;
            }
        }
        return -1;
    }

    static bool CStringEquals(byte[] b, int at, string s)
    {
        for (int i = 0; i < s.Length; i++) if (at + i >= b.Length || b[at + i] != (byte)s[i]) return false;
        return at + s.Length < b.Length && b[at + s.Length] == 0;
    }

    static bool Contains(byte[] hay, byte[] needle)
    {
        // Plain scan: the task is compiled against netstandard, without spans.
        for (int i = 0; i + needle.Length <= hay.Length; i++)
        {
            if (hay[i] != needle[0]) continue;
            int k = 1;
            while (k < needle.Length && hay[i + k] == needle[k]) k++;
            if (k == needle.Length) return true;
        }
        return false;
    }
}
