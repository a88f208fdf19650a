using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CaChain.Native
{
    // Loads libcachain from the per-platform folder beside this assembly
    // (linux-x64/libcachain.so, win-x64/cachain.dll, ...) when the module is
    // imported, so nobody sets PATH or LD_LIBRARY_PATH.
    //   PowerShell 7 (.NET): a DllImport resolver, found by reflection because
    //     netstandard2.0 does not declare NativeLibrary.
    //   Windows PowerShell 5.1 (.NET Framework): LoadLibraryEx by absolute path,
    //     after which DllImport("cachain") finds the loaded module by name.
    public sealed class NativeLibraryLoader : IModuleAssemblyInitializer
    {
        private static string libraryPath;
        private static IntPtr libraryHandle;

        public void OnImport()
        {
            libraryPath = LocateLibrary();
            if (!TryInstallResolver() && RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                && LoadLibraryEx(libraryPath, IntPtr.Zero, LoadWithAlteredSearchPath) == IntPtr.Zero)
            {
                throw new DllNotFoundException($"CaChain cannot load its native library '{libraryPath}' (error {Marshal.GetLastWin32Error()}).");
            }
            RequireMatchingVersion();
        }

        // The cmdlets are built against one cachain.h (CMake passes the
        // project version to dotnet as the assembly's version): a library of
        // another version may lay out its structs and enums differently, so
        // it is refused before any cmdlet calls it.
        private static void RequireMatchingVersion()
        {
            Version assembly = typeof(NativeLibraryLoader).Assembly.GetName().Version;
            string expected = $"{assembly.Major}.{assembly.Minor}.{assembly.Build}";
            string actual = Utf8.FromNative(NativeMethods.cachain_version());
            if (actual != expected)
            {
                throw new InvalidOperationException(
                    $"CaChain {expected} cannot use the native library '{libraryPath}': it is version {actual}. Reinstall the module, so that CaChain.dll and its native library come from the same build.");
            }
        }

        internal static string LocateLibrary()
        {
            string folder = Path.GetDirectoryName(typeof(NativeLibraryLoader).Assembly.Location);
            string platform = PlatformFolder();
            string file = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "cachain.dll"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "libcachain.dylib" : "libcachain.so";
            string path = Path.Combine(folder, platform, file);
            if (!File.Exists(path))
            {
                throw new PlatformNotSupportedException(
                    $"CaChain has no native library for {platform}: '{path}' is missing. This build of the module supports the platforms whose folders sit beside CaChain.dll.");
            }
            return path;
        }

        private static string PlatformFolder()
        {
            string os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
            string architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            return os + "-" + architecture;
        }

        private static bool TryInstallResolver()
        {
            Type nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary", throwOnError: false);
            Type resolverType = Type.GetType("System.Runtime.InteropServices.DllImportResolver", throwOnError: false);
            if (nativeLibrary == null || resolverType == null) return false;
            MethodInfo setResolver = nativeLibrary.GetMethod("SetDllImportResolver", new[] { typeof(Assembly), resolverType });
            MethodInfo resolve = typeof(NativeLibraryLoader).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Static);
            libraryHandle = (IntPtr)nativeLibrary.GetMethod("Load", new[] { typeof(string) }).Invoke(null, new object[] { libraryPath });
            try
            {
                setResolver.Invoke(null, new object[] { typeof(NativeLibraryLoader).Assembly, Delegate.CreateDelegate(resolverType, resolve) });
            }
            catch (TargetInvocationException error) when (error.InnerException is InvalidOperationException)
            {
                // Imported a second time in this process: the resolver is already there.
            }
            return true;
        }

        private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
            name == NativeMethods.Library ? libraryHandle : IntPtr.Zero;

        private const uint LoadWithAlteredSearchPath = 0x8;

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryEx(string path, IntPtr file, uint flags);
    }
}
