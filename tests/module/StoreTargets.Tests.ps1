# -StoreLocation, -StorePath and -SystemRoot in Import-, Remove- and
# Test-CaChain: the combinations that name two different stores are refused
# with the same error in each cmdlet, and nothing is written anywhere.
BeforeAll {
    # A conflicting CurrentUser call must not reach this user's real .NET
    # store, even if it were wrongly accepted: .NET finds that store under
    # HOME, read when the process first opens a store, so HOME points into
    # the test drive before anything opens one.
    $env:HOME = "$TestDrive/home"
    New-Item -ItemType Directory $env:HOME | Out-Null
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $image = New-TestSystemRoot "$TestDrive/image"
    $imageFiles = Get-ChildItem $image -Recurse -File | ForEach-Object { "$($_.FullName) $((Get-FileHash $_.FullName).Hash)" }
    # The snapshot the cases compare with holds the image's five files, so an
    # empty or partial snapshot cannot make "nothing was written" pass. 79124d6b
    # is OpenSSL's subject hash of CN=PublicRootCA, the image's public root.
    $imageFiles -replace ' [0-9A-F]{64}$' | ForEach-Object { [IO.Path]::GetRelativePath($image, $_) } | Sort-Object | Should -BeExactly @(
        'etc/ca-certificates.conf', 'etc/ssl/certs/79124d6b.0', 'etc/ssl/certs/ca-certificates.crt', 'etc/ssl/certs/PublicRootCA.pem',
        'usr/share/ca-certificates/public/PublicRootCA.crt')
    $rootThumbprint = (Get-CaChain -Path "$pki/root.cer" -SkipLocalStores).Thumbprint

    # The cmdlet with the store parameters of a case, and the input it needs.
    function Invoke-WithStores {
        [CmdletBinding()]
        param([string] $Cmdlet, [hashtable] $Stores)
        switch ($Cmdlet) {
            'Import-CaChain' { Import-CaChain -Path "$pki/root.cer" @Stores }
            'Remove-CaChain' { Remove-CaChain -Thumbprint $rootThumbprint @Stores }
            'Test-CaChain' { Test-CaChain -Path "$pki/chain.p7b" -SkipLocalStores @Stores }
        }
    }
}

Describe '<Cmdlet> with conflicting stores' -ForEach @(
    @{ Cmdlet = 'Import-CaChain' }
    @{ Cmdlet = 'Remove-CaChain' }
    @{ Cmdlet = 'Test-CaChain' }
) {
    It 'refuses <Combination>, writing nothing' -ForEach @(
        @{ Combination = '-StorePath with -SystemRoot'; StorePath = $true; SystemRoot = $true
           ErrorId = 'StorePathAndSystemRoot'; Target = 'store'
           Message = "-StorePath '{0}' is a directory store and -SystemRoot '{1}' is the LocalMachine store of an image: give one of them, not both." }
        @{ Combination = '-StoreLocation LocalMachine with -StorePath'; StoreLocation = 'LocalMachine'; StorePath = $true
           ErrorId = 'StoreLocationAndPath'; Target = 'store'
           Message = "-StoreLocation LocalMachine and -StorePath '{0}' (a directory store) name different stores: give one of them, not both." }
        @{ Combination = '-StoreLocation CurrentUser with -StorePath'; StoreLocation = 'CurrentUser'; StorePath = $true
           ErrorId = 'StoreLocationAndPath'; Target = 'store'
           Message = "-StoreLocation CurrentUser and -StorePath '{0}' (a directory store) name different stores: give one of them, not both." }
        @{ Combination = '-StoreLocation CurrentUser with -SystemRoot'; StoreLocation = 'CurrentUser'; SystemRoot = $true
           ErrorId = 'StoreLocationAndSystemRoot'; Target = 'image'
           Message = "-SystemRoot '{1}' applies to LocalMachine and All only, not to -StoreLocation CurrentUser: give one of them, not both." }
        @{ Combination = '-StoreLocation Directory with -SystemRoot'; StoreLocation = 'Directory'; SystemRoot = $true
           ErrorId = 'StoreLocationAndSystemRoot'; Target = 'image'
           Message = "-SystemRoot '{1}' applies to LocalMachine and All only, not to -StoreLocation Directory: give one of them, not both." }
        @{ Combination = '-StoreLocation Bundle with -SystemRoot'; StoreLocation = 'Bundle'; SystemRoot = $true
           ErrorId = 'StoreLocationAndSystemRoot'; Target = 'image'
           Message = "-SystemRoot '{1}' applies to LocalMachine and All only, not to -StoreLocation Bundle: give one of them, not both." }
        @{ Combination = '-StoreLocation Bundle with -StorePath and -SystemRoot'; StoreLocation = 'Bundle'; StorePath = $true; SystemRoot = $true
           ErrorId = 'StorePathAndSystemRoot'; Target = 'store'
           Message = "-StorePath '{0}' is a bundle file and -SystemRoot '{1}' is the LocalMachine store of an image: give one of them, not both." }
        @{ Combination = '-StoreLocation Nss with -StorePath and -SystemRoot'; StoreLocation = 'Nss'; StorePath = $true; SystemRoot = $true
           ErrorId = 'StorePathAndSystemRoot'; Target = 'store'
           Message = "-StorePath '{0}' is an NSS database and -SystemRoot '{1}' is the LocalMachine store of an image: give one of them, not both." }
        @{ Combination = '-StoreLocation All with -StorePath'; StoreLocation = 'All'; StorePath = $true
           ErrorId = 'StoreLocationAndPath'; Target = 'store'
           Message = "-StoreLocation All and -StorePath '{0}' (a directory store) name different stores: give one of them, not both." }
        @{ Combination = 'all three'; StoreLocation = 'Directory'; StorePath = $true; SystemRoot = $true
           ErrorId = 'StorePathAndSystemRoot'; Target = 'store'
           Message = "-StorePath '{0}' is a directory store and -SystemRoot '{1}' is the LocalMachine store of an image: give one of them, not both." }
    ) {
        $store = "$TestDrive/store-$([guid]::NewGuid())"
        $stores = @{}
        if ($StoreLocation) { $stores.StoreLocation = $StoreLocation }
        if ($StorePath) { $stores.StorePath = $store }
        if ($SystemRoot) { $stores.SystemRoot = "$image" }
        $problems = @()
        $output = try { Invoke-WithStores $Cmdlet $stores -ErrorVariable problems -ErrorAction SilentlyContinue } catch { $problems = @($_) }

        $output | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeExactly ($Message -f $store, "$image")
        $problems[0].FullyQualifiedErrorId | Should -BeExactly "$Cmdlet.$ErrorId,CaChain.Commands.$($Cmdlet -replace '-', '')Command"
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].TargetObject | Should -BeExactly $(if ($Target -eq 'store') { $store } else { "$image" })
        Test-Path $store | Should -BeFalse
        Get-ChildItem $image -Recurse -File | ForEach-Object { "$($_.FullName) $((Get-FileHash $_.FullName).Hash)" } | Should -Be $imageFiles
        Test-Path "$env:HOME/.dotnet" | Should -BeFalse
    }

    It 'still takes -StoreLocation Directory with -StorePath' {
        $store = "$TestDrive/directory-$([guid]::NewGuid())"
        # With its subordinates, so that the root is in Root and CA.
        if ($Cmdlet -eq 'Remove-CaChain') { Import-CaChain -Path "$pki/root.cer", "$pki/intermediates.pem" -StorePath $store | Out-Null }
        if ($Cmdlet -eq 'Test-CaChain') { New-Item -ItemType Directory $store | Out-Null }  # a store must exist to be tested
        $output = Invoke-WithStores $Cmdlet @{ StoreLocation = 'Directory'; StorePath = $store } -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        # (The root alone goes into Root only: the seed's rule for a single root.)
        $expected = @{ 'Import-CaChain' = 'Added'; 'Remove-CaChain' = 'Removed, Removed'; 'Test-CaChain' = 'False' }[$Cmdlet]
        (@($output | ForEach-Object { if ($Cmdlet -eq 'Test-CaChain') { $_.Trusted } else { $_.Action } }) -join ', ') | Should -Be $expected
    }
}

Describe 'Remove-CaChain with piped results' {
    It 'refuses each result whose store conflicts with -SystemRoot, and removes nothing' {
        $store = "$TestDrive/piped"
        $placed = Import-CaChain -Path "$pki/root.cer" -StorePath $store
        "$($placed.Action) $($placed.Store)" | Should -Be 'Added Root'
        $removed = $placed | Remove-CaChain -SystemRoot "$image" -ErrorVariable problems -ErrorAction SilentlyContinue
        $removed | Should -BeNullOrEmpty
        $problems.Count | Should -Be $placed.Count
        $problems.FullyQualifiedErrorId | Select-Object -Unique | Should -BeExactly 'Remove-CaChain.StorePathAndSystemRoot,CaChain.Commands.RemoveCaChainCommand'
        (Get-ChildItem "$store/Root").Count | Should -Be 1
    }
}
