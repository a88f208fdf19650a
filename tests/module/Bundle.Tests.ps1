# -StoreLocation Bundle: a PEM bundle file for tools that take one instead of
# the system's trust. Real clients judge it: curl --cacert and node with
# NODE_EXTRA_CA_CERTS, against openssl s_server on 127.0.0.1 presenting
# pool1.schertz.lab with its intermediates.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $cas = "$pki/root.cer", "$pki/policy.cer", "$pki/issuing.cer"
    $server = Start-TlsServer -Pki $pki -WithIntermediates -Www
    $url = "https://pool1.schertz.lab:$($server.Port)/"

    # curl's exit code with only this bundle as its trust: 0 when it fetched
    # the page, 60 when it could not verify the server's certificate.
    function Invoke-Curl([string] $Bundle) {
        $output = & curl --silent --show-error --max-time 10 --cacert $Bundle --resolve "pool1.schertz.lab:$($server.Port):127.0.0.1" $url 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output -join "`n") }
    }
    # node adds NODE_EXTRA_CA_CERTS to its own roots: "200" when it fetched
    # the page, else its error's code.
    function Invoke-Node([string] $Bundle) {
        $script = "require('https').get({host:'127.0.0.1',port:$($server.Port),servername:'pool1.schertz.lab'," +
            "headers:{host:'pool1.schertz.lab'}},r=>console.log(r.statusCode)).on('error',e=>console.log(e.code))"
        $env:NODE_EXTRA_CA_CERTS = $Bundle
        try { (& node -e $script 2>&1) -join "`n" } finally { Remove-Item Env:NODE_EXTRA_CA_CERTS }
    }
}
AfterAll { $server | Stop-TestServer }

Describe 'Import-CaChain -StoreLocation Bundle into a bundle others write too' {
    BeforeAll {
        # Someone's existing bundle: a comment and an unrelated CA.
        $bundle = "$TestDrive/tools/ca-bundle.pem"
        New-Item -ItemType Directory (Split-Path $bundle) | Out-Null
        $theirs = "# the proxy's CA, added by hand`n" + ((& openssl x509 -inform DER -in "$pki/onetier-root.cer") -join "`n") + "`n"
        [IO.File]::WriteAllText($bundle, $theirs)
        $before = Get-Sha256 $bundle
    }

    It 'leaves curl and node failing before the import' {
        (Invoke-Curl $bundle).ExitCode | Should -Be 60
        Invoke-Node $bundle | Should -BeExactly 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
    }

    It 'changes nothing with -WhatIf' {
        Import-CaChain -Path $cas -StoreLocation Bundle -StorePath $bundle -WhatIf | Out-Null
        Get-Sha256 $bundle | Should -Be $before
    }

    It 'adds the root and each intermediate once, and curl and node then reach the server' {
        $script:placed = Import-CaChain -Path $cas -StoreLocation Bundle -StorePath $bundle
        $placed | ForEach-Object { "$($_.Subject) $($_.Store) $($_.Action)" } | Should -Be @(
            'CN=SchertzLabRootCA, DC=schertz, DC=lab Root Added'
            'CN=SchertzLabPolicyCA, DC=schertz, DC=lab CA Added'
            'CN=SchertzLabIssuingCA, DC=schertz, DC=lab CA Added')
        $placed | ForEach-Object { "$($_.StoreLocation) $($_.StorePath) $($_.Location)" } | Sort-Object -Unique | Should -BeExactly "Bundle $bundle $bundle"
        $text = Get-Content -Raw $bundle
        $text.StartsWith($theirs) | Should -BeTrue -Because 'the lines of others stay as they were'
        $markers = [regex]::Matches($text, '(?m)^# CaChain .*$').Value
        $markers | Should -Be @($placed | ForEach-Object { "# CaChain $($_.Store) $($_.Thumbprint)" })
        $reached = Invoke-Curl $bundle
        $reached.ExitCode | Should -Be 0 -Because $reached.Output
        $reached.Output | Should -Match 's_server'
        Invoke-Node $bundle | Should -BeExactly '200'
    }

    It 'reports everything AlreadyPresent on a second run, and writes nothing' {
        $after = Get-Sha256 $bundle
        @(Import-CaChain -Path $cas -StoreLocation Bundle -StorePath $bundle).Action | Sort-Object -Unique | Should -Be 'AlreadyPresent'
        Get-Sha256 $bundle | Should -Be $after
    }

    It 'judges the server against the bundle with Test-CaChain' {
        $result = Test-CaChain -Path "$pki/pool1.cer" -IssuerPath "$pki/intermediates.pem" -StoreLocation Bundle -StorePath $bundle -DnsName pool1.schertz.lab
        "$($result.Trusted) $($result.Cause)" | Should -BeExactly 'True None'
    }

    It 'takes back exactly its own blocks with Remove-CaChain, and the clients fail again' {
        $withOurs = Get-Sha256 $bundle
        $placed | Remove-CaChain -WhatIf | Out-Null
        Get-Sha256 $bundle | Should -Be $withOurs -Because '-WhatIf removes nothing'
        $removed = $placed | Remove-CaChain -Confirm:$false
        @($removed.Action) | Should -Be @('Removed', 'Removed', 'Removed')
        Get-Sha256 $bundle | Should -Be $before
        (Invoke-Curl $bundle).ExitCode | Should -Be 60
        $untrusted = Test-CaChain -Path "$pki/pool1.cer" -IssuerPath "$pki/intermediates.pem" -StoreLocation Bundle -StorePath $bundle
        "$($untrusted.Trusted) $($untrusted.Cause)" | Should -BeExactly 'False IssuerMissing'
    }
}

Describe 'The user''s own bundle' {
    BeforeAll {
        # As .NET reads it in this session (StoreTarget.cs), never this machine's real home.
        $env:XDG_DATA_HOME = "$TestDrive/data"
        $own = "$TestDrive/data/cachain/ca-bundle.pem"
    }
    AfterAll { Remove-Item Env:XDG_DATA_HOME }

    It 'is created at the first import, with a warning that names it, and deleted when the last block leaves' {
        $placed = Import-CaChain -Path $cas -StoreLocation Bundle -WarningVariable warned -WarningAction SilentlyContinue
        @($placed.StorePath | Sort-Object -Unique) | Should -BeExactly @($own)
        @($warned.Message) | Should -Contain "the store file $own did not exist and was created"
        (Invoke-Curl $own).ExitCode | Should -Be 0
        $placed | Remove-CaChain -Confirm:$false | Out-Null
        Test-Path $own | Should -BeFalse
    }

    It 'is refused by Test-CaChain while it does not exist, rather than trusting nothing' {
        Test-CaChain -Path "$pki/pool1.cer" -StoreLocation Bundle -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].Exception.Message | Should -BeExactly "${own}: the store does not exist (no such file)"
    }
}
