using System;
using System.Collections;
using System.IO;
using System.Linq;

namespace CaChain.Remote
{
    // What -CopyModule brings to a target that lacks this module: this very
    // module's folder (so the versions match by construction), its manifest,
    // cmdlets, format and help, and only the native library of the target's
    // platform, which Invoke-OnTarget.ps1 adds once it knows it.
    internal static class ModuleCopy
    {
        public static Hashtable ScriptArgument(bool copy)
        {
            string folder = Path.GetDirectoryName(typeof(ModuleCopy).Assembly.Location);
            Version version = typeof(ModuleCopy).Assembly.GetName().Version;
            return new Hashtable
            {
                ["Copy"] = copy,
                // As the manifest writes it, which is what Get-Module reports on the target.
                ["Version"] = $"{version.Major}.{version.Minor}.{version.Build}",
                ["Folder"] = folder,
                ["Files"] = TopLevelFiles(folder),
                ["Platforms"] = Platforms(folder),
            };
        }

        private static string[] TopLevelFiles(string folder) =>
            Directory.GetFiles(folder)
                .Concat(Directory.GetDirectories(folder).Where(d => Path.GetFileName(d).Equals("en-US", StringComparison.OrdinalIgnoreCase)))
                .ToArray();

        // The "<os>-<architecture>" folders that hold a native library.
        private static string[] Platforms(string folder) =>
            Directory.GetDirectories(folder)
                .Where(d => Path.GetFileName(d).Contains("-") && Directory.GetFiles(d).Any(IsNativeLibrary))
                .Select(Path.GetFileName)
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToArray();

        private static bool IsNativeLibrary(string file)
        {
            string name = Path.GetFileName(file);
            return name == "cachain.dll" || name == "libcachain.so" || name == "libcachain.dylib";
        }
    }
}
