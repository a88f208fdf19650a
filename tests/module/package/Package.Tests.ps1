# The Gallery package as an administrator gets it: published into a folder
# repository, installed with Install-PSResource into a module path that has
# never held CaChain, imported by name, and run. The same file runs on Linux
# and, under Wine, on Windows.
#
# The module path is clean because the test's process has a profile of its
# own: on Linux, ctest points HOME and XDG_DATA_HOME at a scratch folder;
# under Wine, each run gets a new prefix.
BeforeAll {
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $package = @(Get-ChildItem -LiteralPath $env:CACHAIN_PACKAGE_DIR -Filter '*.nupkg')
    $repository = Join-Path $TestDrive 'repository'
    $null = New-Item -ItemType Directory $repository
    # What a user's module path holds for CurrentUser installs.
    $userModules = ($env:PSModulePath -split [System.IO.Path]::PathSeparator)[0]
    Remove-Item -LiteralPath (Join-Path $userModules 'CaChain') -Recurse -Force -ErrorAction Ignore
    Unregister-PSResourceRepository -Name CaChainTest -ErrorAction Ignore
}

Describe 'The CaChain package' {
    It 'is one .nupkg, named after the manifest''s version' {
        $package.Name | Should -Be 'CaChain.0.1.0.nupkg'
    }

    It 'holds the module for both platforms at its root' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package[0].FullName)
        try { $entries = @($zip.Entries.FullName -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$)' | Sort-Object) }
        finally { $zip.Dispose() }
        $entries | Should -Be @('CaChain.dll', 'CaChain.format.ps1xml', 'CaChain.nuspec', 'CaChain.psd1', 'CaChain.types.ps1xml',
                                'en-US/about_CaChain.help.txt', 'en-US/CaChain.dll-Help.xml', 'LICENSE', 'linux-x64/libcachain.so', 'win-x64/cachain.dll')
    }
}

Describe 'Install-PSResource CaChain from a folder repository' {
    BeforeAll {
        Register-PSResourceRepository -Name CaChainTest -Uri $repository -Trusted
        Publish-PSResource -NupkgPath $package[0].FullName -Repository CaChainTest
        Install-PSResource -Name CaChain -Repository CaChainTest -Scope CurrentUser
        $installed = Join-Path $userModules 'CaChain/0.1.0'
    }
    AfterAll {
        Remove-Module CaChain -ErrorAction Ignore
        Unregister-PSResourceRepository -Name CaChainTest -ErrorAction Ignore
    }

    It 'finds the package with its Gallery metadata' {
        $found = Find-PSResource -Name CaChain -Repository CaChainTest
        $found.Version | Should -Be ([version] '0.1.0')
        $found.Tags | Should -Contain 'PSEdition_Core'
        $found.Tags | Should -Contain 'PSEdition_Desktop'
        $found.ReleaseNotes | Should -BeLike '0.1.0: *'
        $found.LicenseUri | Should -Not -BeNullOrEmpty
        $found.ProjectUri | Should -Not -BeNullOrEmpty
    }

    It 'installs into the user''s module path' {
        Test-Path -LiteralPath (Join-Path $installed 'CaChain.psd1') | Should -BeTrue
        (Get-InstalledPSResource -Name CaChain).Version | Should -Be ([version] '0.1.0')
    }

    It 'imports by name from there and walks a chain with the packed native library' {
        $module = Import-Module CaChain -PassThru -Force
        $module.ModuleBase | Should -Be (Get-Item -LiteralPath $installed).FullName
        $chain = Get-CaChain -Path "$pki/chain.p7b" -SkipLocalStores
        $chain.Name | Should -Be 'SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA', 'pool1.schertz.lab'
        # The one native library loaded from a platform folder is the package's.
        $platform = if ($IsWindows) { 'win-x64' } else { 'linux-x64' }
        $library = if ($IsWindows) { 'cachain.dll' } else { 'libcachain.so' }
        $loaded = @([System.Diagnostics.Process]::GetCurrentProcess().Modules.FileName |
            Where-Object { $_ -and [IO.Path]::GetFileName([IO.Path]::GetDirectoryName($_)) -eq $platform })
        $loaded | Should -Be (Join-Path $module.ModuleBase $platform $library)
    }
}
