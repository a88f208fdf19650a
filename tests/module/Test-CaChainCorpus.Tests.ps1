# Every case of the trust corpus (cachain-test-pki --corpus) through
# Test-CaChain: at the case's time, for its purpose and name, with what its
# server sends as issuers, against a directory store holding its Root and CA
# certificates. Trusted and the OpenSSL code must be the corpus's labels,
# which were checked against the real `openssl verify`.
BeforeDiscovery {
    $corpus = Join-Path ([IO.Path]::GetTempPath()) "cachain-corpus-$([guid]::NewGuid())"
    & $env:CACHAIN_TEST_PKI --corpus $corpus
    if ($LASTEXITCODE -ne 0) { throw "cachain-test-pki --corpus failed with $LASTEXITCODE" }
    $cases = foreach ($file in Get-ChildItem $corpus -Recurse -Filter case.tsv | Sort-Object FullName) {
        $case = @{ Folder = $file.DirectoryName; Corpus = $corpus }
        foreach ($line in Get-Content $file.FullName) { $key, $value = $line -split "`t", 2; $case[$key] = $value }
        $case.Case = "$($case.category)/$($case.name)"
        $case.CheckedName = $case.host  # $host is PowerShell's own
        $case.Remove('host')
        $case
    }
    if (@($cases).Count -lt 50) { throw "the corpus holds $(@($cases).Count) cases, fewer than the 50 expected" }
}

BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
}

AfterAll {
    if ($cases) { Remove-Item -Recurse -Force $cases[0].Corpus -ErrorAction SilentlyContinue }
}

Describe 'Test-CaChain on the trust corpus' {
    It '<Case>: trusted <trusted>, OpenSSL code <openssl_code>' -ForEach $cases {
        $store = "$TestDrive/$category-$name"
        foreach ($pair in @(@('roots', 'Root'), @('cas', 'CA'))) {
            New-Item -ItemType Directory "$store/$($pair[1])" -Force | Out-Null
            Get-ChildItem "$Folder/$($pair[0])" -Filter *.pem -ErrorAction SilentlyContinue | Copy-Item -Destination "$store/$($pair[1])"
        }
        # A directory store reads the hashed names `openssl rehash` links to the files.
        & openssl rehash "$store/Root" "$store/CA"
        $LASTEXITCODE | Should -Be 0 -Because 'openssl rehash names the store''s files'
        $arguments = @{
            Path = "$Folder/target.pem"; StorePath = $store; SkipLocalStores = $true; Offline = $true
            At = [DateTimeOffset]::FromUnixTimeSeconds([long]$at).LocalDateTime
            Purpose = @{ sslserver = 'ServerAuth'; sslclient = 'ClientAuth'; any = 'Any' }[$purpose]
        }
        if ($host_kind -ne 'none') { $arguments.DnsName = $CheckedName }
        if ((Get-Item "$Folder/sent.pem").Length -gt 0) { $arguments.IssuerPath = "$Folder/sent.pem" }
        $result = @(Test-CaChain @arguments)
        $result.Count | Should -Be 1
        $code = if ($result[0].OpenSslError) { $result[0].OpenSslError } else { '0' }
        "$($result[0].Trusted) $code" | Should -BeExactly "$($trusted -eq 'true') $openssl_code"
    }
}
