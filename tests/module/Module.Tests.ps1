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

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$_ *[<CommonParameters>]*"
        $help.description.Text | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        foreach ($parameter in $help.parameters.parameter) { $parameter.description.Text | Should -Not -BeNullOrEmpty -Because "-$($parameter.name)" }
    }

    It 'has at least two examples' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }
}
