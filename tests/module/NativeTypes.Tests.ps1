# The cmdlets' C# copies of cachain.h's enums, compared with what a C
# program compiled against the header prints (tests/c_interface): a value
# the header changed, or a constant it added, shows here by name.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    $assembly = (Get-Module CaChain).ImplementingAssembly

    # "<C type> <name> <value>" lines, grouped by C type.
    $header = @{}
    foreach ($line in & $env:CACHAIN_HEADER_VALUES) {
        $type, $name, $value = $line -split ' '
        if (-not $header[$type]) { $header[$type] = [ordered]@{} }
        $header[$type][$name] = [long]$value
    }
    $LASTEXITCODE | Should -Be 0

    # A C constant and a C# member are the same when the C name, without its
    # prefix and underscores, is the C# name (case aside): CACHAIN_NUMBER_IS_CA and IsCA.
    function ConvertFrom-Header([string] $type, [string] $prefix) {
        $header[$type].GetEnumerator() | ForEach-Object { '{0}={1}' -f (($_.Key -replace "^($prefix)", '') -replace '_', '').ToUpperInvariant(), $_.Value }
    }
    function ConvertFrom-Enum([string] $name) {
        $enum = $assembly.GetType($name, $true)
        [Enum]::GetValues($enum) | ForEach-Object { '{0}={1}' -f $_.ToString().ToUpperInvariant(), [long]$_ }
    }
}

Describe 'The C# enum <Enum>' -ForEach @(
    @{ Enum = 'CaChain.Native.Status'; Type = 'cachain_status'; Prefix = 'CACHAIN_E_|CACHAIN_' }
    @{ Enum = 'CaChain.Native.CertText'; Type = 'cachain_text_field'; Prefix = 'CACHAIN_TEXT_' }
    @{ Enum = 'CaChain.Native.CertNumber'; Type = 'cachain_number_field'; Prefix = 'CACHAIN_NUMBER_' }
    @{ Enum = 'CaChain.Native.ChainNumber'; Type = 'cachain_chain_field'; Prefix = 'CACHAIN_CHAIN_FIELD_' }
    @{ Enum = 'CaChain.Native.ChainText'; Type = 'cachain_chain_text_field'; Prefix = 'CACHAIN_CHAIN_TEXT_' }
    @{ Enum = 'CaChain.Native.PlacementNumber'; Type = 'cachain_placement_field'; Prefix = 'CACHAIN_PLACEMENT_' }
    @{ Enum = 'CaChain.Native.PlacementText'; Type = 'cachain_placement_text_field'; Prefix = 'CACHAIN_PLACEMENT_TEXT_' }
    @{ Enum = 'CaChain.Native.VerdictNumber'; Type = 'cachain_verdict_field'; Prefix = 'CACHAIN_VERDICT_' }
    @{ Enum = 'CaChain.Native.VerdictText'; Type = 'cachain_verdict_text_field'; Prefix = 'CACHAIN_VERDICT_TEXT_' }
    @{ Enum = 'CaChain.Native.RevocationNumber'; Type = 'cachain_revocation_field'; Prefix = 'CACHAIN_REVOCATION_' }
    @{ Enum = 'CaChain.Native.RevocationText'; Type = 'cachain_revocation_text_field'; Prefix = 'CACHAIN_REVOCATION_TEXT_' }
    @{ Enum = 'CaChain.CaChainRevocationStatus'; Type = 'cachain_revocation_status'; Prefix = 'CACHAIN_REVOCATION_' }
    @{ Enum = 'CaChain.Native.ExplanationText'; Type = 'cachain_explanation_field'; Prefix = 'CACHAIN_EXPLANATION_' }
    @{ Enum = 'CaChain.Native.CertificateRole'; Type = 'cachain_role'; Prefix = 'CACHAIN_ROLE_' }
    @{ Enum = 'CaChain.Native.ChainStatus'; Type = 'cachain_chain_status'; Prefix = 'CACHAIN_CHAIN_' }
    @{ Enum = 'CaChain.Native.Validity'; Type = 'cachain_validity'; Prefix = 'CACHAIN_VALIDITY_' }
    @{ Enum = 'CaChain.Native.FileAction'; Type = 'cachain_file_action'; Prefix = 'CACHAIN_FILE_' }
    @{ Enum = 'CaChain.Native.PlacementAction'; Type = 'cachain_placement_action'; Prefix = 'CACHAIN_ACTION_' }
    @{ Enum = 'CaChain.Commands.CaChainFormat'; Type = 'cachain_format'; Prefix = 'CACHAIN_FORMAT_' }
    @{ Enum = 'CaChain.Commands.CaChainProtocol'; Type = 'cachain_protocol'; Prefix = 'CACHAIN_PROTOCOL_' }
    @{ Enum = 'CaChain.Commands.CaChainPurpose'; Type = 'cachain_purpose'; Prefix = 'CACHAIN_PURPOSE_' }
    @{ Enum = 'CaChain.CaChainTrustCause'; Type = 'cachain_trust_cause'; Prefix = 'CACHAIN_CAUSE_' }
    @{ Enum = 'CaChain.Stores.CaChainStoreLocation'; Type = 'cachain_store_location'; Prefix = 'CACHAIN_LOCATION_' }
    @{ Enum = 'CaChain.Stores.CaChainStoreName'; Type = 'cachain_store_name'; Prefix = 'CACHAIN_STORE_' }
) {
    It 'has every constant of <Type>, each with the header''s value' {
        $header[$Type].Count | Should -BeGreaterThan 1 -Because "the header program printed $Type"
        @(ConvertFrom-Enum $Enum | Sort-Object) | Should -Be @(ConvertFrom-Header $Type $Prefix | Sort-Object)
    }
}

Describe 'The C# flags' {
    It 'have the header''s values' {
        $flags = $assembly.GetType('CaChain.Native.Flags', $true).GetFields() |
            ForEach-Object { '{0}={1}' -f $_.Name.ToUpperInvariant(), $_.GetValue($null) }
        @($flags | Sort-Object) | Should -Be @(ConvertFrom-Header 'flags' 'CACHAIN_' | Sort-Object)
    }
}

Describe 'The C# copy of <Struct>' -ForEach @(
    @{ Struct = 'cachain_discover_options'; CSharp = 'CaChain.Native.DiscoverOptions'; Version = 'CACHAIN_DISCOVER_OPTIONS_VERSION' }
    @{ Struct = 'cachain_store_callbacks'; CSharp = 'CaChain.Native.StoreCallbacks'; Version = 'CACHAIN_STORE_CALLBACKS_VERSION' }
    @{ Struct = 'cachain_evaluate_options'; CSharp = 'CaChain.Native.EvaluateOptions'; Version = 'CACHAIN_EVALUATE_OPTIONS_VERSION' }
) {
    It 'has the header''s size and version' {
        $copy = $assembly.GetType($CSharp, $true)
        [System.Runtime.InteropServices.Marshal]::SizeOf([type]$copy) | Should -Be $header['sizeof']["sizeof($Struct)"]
        $copy.GetField('CurrentVersion').GetValue($null) | Should -Be $header['version'][$Version]
    }
}

Describe 'The C# copy of cachain_evaluate_options' {
    It 'puts each field where the header does' {
        # "dns_name" is DnsName: the C name without underscores, case aside.
        $copy = $assembly.GetType('CaChain.Native.EvaluateOptions', $true)
        $offsets = $copy.GetFields('Public,Instance') | ForEach-Object {
            '{0}={1}' -f $_.Name.ToUpperInvariant(), [System.Runtime.InteropServices.Marshal]::OffsetOf($copy, $_.Name).ToInt64()
        }
        $fromHeader = $header['offsetof'].GetEnumerator() | Where-Object Key -Like 'cachain_evaluate_options.*' |
            ForEach-Object { '{0}={1}' -f ($_.Key -replace '^cachain_evaluate_options\.', '' -replace '_', '').ToUpperInvariant(), $_.Value }
        @($offsets | Sort-Object) | Should -Be @($fromHeader | Sort-Object)
        @($fromHeader).Count | Should -Be 7
    }
}
