BeforeAll {
    $manifestPath = Join-Path $env:CACHAIN_MODULE 'CaChain.psd1'
    $manifest = Import-PowerShellDataFile $manifestPath
    Import-Module $env:CACHAIN_MODULE -Force
    $cmdlets = 'Get-CaChain', 'Export-CaChain', 'Import-CaChain', 'Remove-CaChain', 'Test-CaChain', 'Resolve-CaChainError'
}

Describe 'The CaChain module' {
    It 'declares both editions, an explicit cmdlet list and no processor restriction' {
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.CmdletsToExport | Sort-Object | Should -Be ($cmdlets | Sort-Object)
        $manifest.Keys | Should -Not -Contain 'ProcessorArchitecture'
        Test-ModuleManifest $manifestPath | Should -Not -BeNullOrEmpty
    }

    It 'ships the native library beside the assembly, in a per-platform folder' {
        Test-Path (Join-Path $env:CACHAIN_MODULE 'linux-x64/libcachain.so') | Should -BeTrue
    }

    It 'exports the six cmdlets and loads without LD_LIBRARY_PATH' {
        $env:LD_LIBRARY_PATH | Should -BeNullOrEmpty
        (Get-Command -Module CaChain).Name | Sort-Object | Should -Be ($cmdlets | Sort-Object)
    }

    It 'lets every change cmdlet support -WhatIf and -Confirm' {
        foreach ($name in 'Export-CaChain', 'Import-CaChain', 'Remove-CaChain') {
            (Get-Command $name).Parameters.Keys | Should -Contain 'WhatIf'
            (Get-Command $name).Parameters.Keys | Should -Contain 'Confirm'
        }
    }

    It 'completes store names and formats' {
        $completion = TabExpansion2 'Import-CaChain -StoreLocation ' 30
        $completion.CompletionMatches.CompletionText | Should -Contain 'LocalMachine'
        $completion = TabExpansion2 'Export-CaChain -Format ' 23
        $completion.CompletionMatches.CompletionText | Sort-Object | Should -Be @('Der', 'P7b', 'Pem')
        $completion = TabExpansion2 'Remove-CaChain -Store ' 22
        $completion.CompletionMatches.CompletionText | Sort-Object | Should -Be @('CA', 'Root')
    }
}

Describe 'Help for <_>' -ForEach @('Get-CaChain', 'Export-CaChain', 'Import-CaChain', 'Remove-CaChain', 'Test-CaChain', 'Resolve-CaChainError') {
    BeforeAll { $help = Get-Help $_ -Full }

    It 'has its synopsis and a description' {
        # The module's own words (Get-Help falls back to the syntax line when the help file is not found).
        $synopsis = @{
            'Get-CaChain' = 'Shows the certification path of a certificate, a file, a folder or a TLS server, as the Certification Path tab does.'
            'Export-CaChain' = 'Writes the CA certificates of a chain to files, as the MMC Certificate Export Wizard does one by one.'
            'Import-CaChain' = 'Places CA certificates into the right trust stores: a root into Trusted Root Certification Authorities ' +
                '(and Intermediate Certification Authorities when it has subordinate CAs), every other CA into Intermediate Certification Authorities.'
            'Remove-CaChain' = 'Undoes a placement: removes certificates from trust stores by thumbprint.'
            'Test-CaChain' = 'Tells whether this machine, or a given store, trusts an endpoint or a certificate, and if not, why and how to fix it.'
            'Resolve-CaChainError' = 'Explains a TLS or certificate chain error code: its name, what it means, its likely causes, and a fix that can work.'
        }
        $help.Synopsis | Should -BeExactly $synopsis[$_]
        # Each description opens by naming its cmdlet, in paragraphs none of which is empty.
        $paragraphs = @{ 'Get-CaChain' = 5; 'Export-CaChain' = 4; 'Import-CaChain' = 4; 'Remove-CaChain' = 4; 'Test-CaChain' = 2; 'Resolve-CaChainError' = 3 }
        @($help.description.Text).Count | Should -Be $paragraphs[$_]
        @($help.description.Text)[0].StartsWith("$_ ") | Should -BeTrue
        @($help.description.Text | Where-Object { -not $_.Trim() }).Count | Should -Be 0
    }

    It 'describes every parameter' {
        # Every parameter but the common ones has its entry, so the loop below sees them all.
        $own = (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters }
        @($help.parameters.parameter.name | Sort-Object) | Should -Be @($own | Sort-Object)
        foreach ($parameter in $help.parameters.parameter) { $parameter.description.Text | Should -Not -BeNullOrEmpty -Because "-$($parameter.name)" }
    }

    It 'has at least two examples' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }

    It 'shows in SYNTAX, for each parameter set, exactly the parameters Get-Command -Syntax shows' {
        # Get-Command -Syntax: one line per parameter set, "-Name" for each
        # parameter; [<CommonParameters>] carries no dash and is left aside.
        $fromCommand = (Get-Command $_ -Syntax) -split '\r?\n' | Where-Object { $_.Trim() } |
            ForEach-Object { ((([regex]::Matches($_, '(?<=[\[\s])-(\w+)')).Groups | Where-Object Name -eq 1).Value | Sort-Object) -join ' ' }
        $fromHelp = $help.syntax.syntaxItem | ForEach-Object { (@($_.parameter.name) | Sort-Object) -join ' ' }
        $fromHelp | Sort-Object | Should -Be ($fromCommand | Sort-Object)
    }

    It 'links the other cmdlets and about_CaChain' {
        $others = $cmdlets | Where-Object { $_ -ne $help.Name } | Sort-Object
        @($help.relatedLinks.navigationLink.linkText) | Should -Be (@($others) + 'about_CaChain')
    }
}

Describe 'The about_CaChain topic' {
    It 'is found by Get-Help and tells the story, the stores per platform and remoting' {
        $topic = Get-Help about_CaChain
        $text = "$topic"
        $text | Should -Match 'SEC_E_UNTRUSTED_ROOT'
        $text | Should -Match 'WHICH STORES, PER PLATFORM'
        $text | Should -Match 'Import-CaChain -Session'
        $text | Should -Match '/usr/local/share/ca-certificates'
    }
}

Describe 'Help examples' {
    It 'show -SystemRoot' {
        (Get-Help Import-CaChain -Examples).examples.example.code | Should -Contain 'Get-ChildItem ./certs | Import-CaChain -SystemRoot /mnt/debian-image'
    }
}

Describe 'Completing Remove-CaChain -Thumbprint' {
    BeforeAll {
        Import-Module $env:CACHAIN_TEST_SUPPORT -Force
        $pki = New-TestPki "$TestDrive/pki"
        $store = "$TestDrive/store"
        $placed = Import-CaChain -Path "$pki/chain.p7b" -StorePath $store -ErrorAction SilentlyContinue
        $root = ($placed | Where-Object Role -eq Root)[0].Thumbprint
        $all = $placed | Where-Object Action -eq Added | ForEach-Object Thumbprint | Sort-Object -Unique
    }

    It 'offers the thumbprints the targeted store holds' {
        $all | Should -HaveCount 3  # the root, the policy CA and the issuing CA
        $line = "Remove-CaChain -StorePath '$store' -Thumbprint "
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be $all
    }

    It 'narrows them to what was typed, and tells the store and the subject' {
        $line = "Remove-CaChain -StorePath '$store' -Thumbprint $($root.Substring(0, 6))"
        $found = (TabExpansion2 $line $line.Length).CompletionMatches
        $found.CompletionText | Should -Be $root
        $found[0].ToolTip | Should -Be 'Root, CA: CN=SchertzLabRootCA, DC=schertz, DC=lab'
    }

    It 'offers only the store named by -Store' {
        $line = "Remove-CaChain -StorePath '$store' -Store Root -Thumbprint "
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be $root
    }

    It 'offers nothing for a store folder that does not exist, and creates none' {
        $line = "Remove-CaChain -StorePath '$TestDrive/nothing' -Thumbprint "
        (TabExpansion2 $line $line.Length).CompletionMatches | Should -BeNullOrEmpty
        Test-Path "$TestDrive/nothing" | Should -BeFalse
    }
}

Describe 'Importing cmdlets built for another version of the native library' {
    BeforeAll {
        # The staged module, its CaChain.dll swapped for the same cmdlets
        # built as 9.8.7 (tests/module/CMakeLists.txt): the real library
        # reports this build's version, and the assembly expects another.
        Copy-Item $env:CACHAIN_MODULE "$TestDrive/CaChain" -Recurse
        Copy-Item $env:CACHAIN_OTHER_VERSION_CMDLETS "$TestDrive/CaChain/CaChain.dll" -Force
        $library = [System.IO.Path]::GetFullPath("$TestDrive/CaChain/linux-x64/libcachain.so")
        # Another process: this one has CaChain.dll loaded already.
        $script = "try { Import-Module '$TestDrive/CaChain' -ErrorAction Stop; 'imported' } catch { `$_.Exception.Message; (Get-Command -Module CaChain).Count }"
        $outcome = & $env:PWSH -NoProfile -NonInteractive -Command $script
    }

    It 'refuses the import, naming both versions and the library' {
        $outcome[0] | Should -BeExactly "CaChain 9.8.7 cannot use the native library '$library': it is version $env:CACHAIN_VERSION. Reinstall the module, so that CaChain.dll and its native library come from the same build."
    }

    It 'leaves no cmdlet behind' {
        $outcome[1] | Should -Be '0'
    }
}
