@{
    # CaChain: make a server's CA chain trusted on machines that do not trust it yet.
    RootModule           = 'CaChain.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0c8d3e-6a1b-4a8e-9d3c-2b7e41c0a9f4'
    Author               = 'The CaChain developers'
    CompanyName          = 'CaChain'
    Copyright            = '(c) The CaChain developers.'
    Description          = 'Discovers a server''s certificate chain, exports its CA certificates, and places them into the right trust stores (Root and CA, LocalMachine or CurrentUser) on Windows and Linux, all-or-nothing.'
    PowerShellVersion    = '5.1'
    # Windows PowerShell loads the netstandard2.0 assembly on .NET Framework 4.7.2 and later.
    DotNetFrameworkVersion = '4.7.2'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('CaChain.format.ps1xml')
    TypesToProcess       = @('CaChain.types.ps1xml')
    CmdletsToExport      = @('Get-CaChain', 'Export-CaChain', 'Import-CaChain', 'Remove-CaChain', 'Test-CaChain', 'Resolve-CaChainError')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('PKI', 'Certificate', 'CA', 'Trust', 'TLS', 'Linux', 'Windows', 'PSEdition_Desktop', 'PSEdition_Core')
            # Placeholders until the project has a public home: set both before
            # publishing to the PowerShell Gallery.
            ProjectUri   = 'https://example.invalid/cachain'
            LicenseUri   = 'https://example.invalid/cachain/LICENSE'
            ReleaseNotes = '0.1.0: Get-, Export-, Import-, Remove- and Test-CaChain and Resolve-CaChainError on Windows (PowerShell 7; Windows PowerShell 5.1 untested) and Linux (PowerShell 7, OpenSSL 3).'
        }
    }
}
