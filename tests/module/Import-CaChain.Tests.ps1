BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $certs = "$TestDrive/certs"
    Export-CaChain -Path "$pki/chain.p7b" -Destination $certs | Out-Null
    $thumbprints = @{}
    $subjects = @{}
    Get-CaChain -Path "$pki/chain.p7b" | ForEach-Object { $thumbprints[$_.Name] = $_.Thumbprint; $subjects[$_.Name] = $_.Subject }
}

Describe 'Import-CaChain' {
    It 'places the root in Root and CA, and the subordinate CAs in CA only' {
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath "$TestDrive/rule"
        $placed.Count | Should -Be 4
        ($placed | Where-Object Store -eq Root).Thumbprint | Should -Be $thumbprints.SchertzLabRootCA
        ($placed | Where-Object Store -eq CA).Thumbprint | Sort-Object |
            Should -Be ($thumbprints.SchertzLabRootCA, $thumbprints.SchertzLabPolicyCA, $thumbprints.SchertzLabIssuingCA | Sort-Object)
        $placed.Action | Select-Object -Unique | Should -Be 'Added'
        $placed[0].PlacedOn | Should -Be ([Environment]::MachineName)
        (Get-ChildItem "$TestDrive/rule/Root").Count | Should -Be 1
        (Get-ChildItem "$TestDrive/rule/CA").Count | Should -Be 3
    }

    It 'says AlreadyPresent on a second run and adds nothing twice' {
        Get-ChildItem $certs | Import-CaChain -StorePath "$TestDrive/twice" | Out-Null
        $again = Get-ChildItem $certs | Import-CaChain -StorePath "$TestDrive/twice"
        $again.Action | Select-Object -Unique | Should -Be 'AlreadyPresent'
        (Get-ChildItem "$TestDrive/twice/CA").Count | Should -Be 3
    }

    It 'changes nothing with -WhatIf' {
        Get-ChildItem $certs | Import-CaChain -StorePath "$TestDrive/whatif" -WhatIf -ErrorVariable problems | Should -BeNullOrEmpty
        $problems | Should -BeNullOrEmpty
        @(Get-ChildItem "$TestDrive/whatif" -Recurse -File).Count | Should -Be 0
        # The same import without -WhatIf would have made four writes.
        (Get-ChildItem $certs | Import-CaChain -StorePath "$TestDrive/whatif").Action | Should -Be @('Added', 'Added', 'Added', 'Added')
    }

    # The seed: a single Root CA goes into Trusted Root only.
    It 'places the root of a one-tier chain into Root only' {
        $placed = Get-CaChain -Path "$pki/web1.pem" -IssuerPath "$pki/onetier-root.cer" -SkipLocalStores |
            Import-CaChain -StorePath "$TestDrive/one-tier"
        ($placed | ForEach-Object { "$($_.Subject -replace '^CN=([^,]+).*', '$1') $($_.Store) $($_.Action)" }) |
            Should -Be 'SchertzLabSingleRootCA Root Added'
        Test-Path "$TestDrive/one-tier/CA" | Should -BeFalse
    }

    It 'leaves the root out of CA with -ExcludeRootFromCA, and still places it in Root' {
        $store = "$TestDrive/no-root-in-ca"
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath $store -ExcludeRootFromCA
        ($placed | ForEach-Object { "$($_.Action) $($_.Role) $($_.Store) $($_.Thumbprint)" }) | Should -Be @(
            "Added Intermediate CA $($thumbprints.SchertzLabIssuingCA)"
            "Added Intermediate CA $($thumbprints.SchertzLabPolicyCA)"
            "Added Root Root $($thumbprints.SchertzLabRootCA)"
        )
        Get-StoreFolderContent "$store/Root" | Should -Be (Get-StoreEntryName "$certs/SchertzLabRootCA.cer")
        Get-StoreFolderContent "$store/CA" | Should -Be (
            "$certs/SchertzLabIssuingCA.cer", "$certs/SchertzLabPolicyCA.cer" | ForEach-Object { Get-StoreEntryName $_ } | Sort-Object)
    }

    # A real console host asks each write in turn and reads the answers from
    # its standard input, as a person at the keyboard would type them.
    It 'writes only the writes confirmed at -Confirm, leaving out the root''s Root write that was declined' {
        $store = "$TestDrive/confirm"
        $results = "$TestDrive/confirm.json"
        $script = "Import-Module '$env:CACHAIN_MODULE'; Get-ChildItem '$certs' | Import-CaChain -StorePath '$store' -Confirm -Verbose 4>'$TestDrive/confirm-verbose.txt' | " +
            "ForEach-Object { `"`$(`$_.Action) `$(`$_.Store) `$(`$_.Thumbprint)`" } | Set-Content '$results'"
        $console = 'y', 'y', 'n', 'y' | & $env:PWSH -NoProfile -Command $script
        $LASTEXITCODE | Should -Be 0
        # The console wraps its lines at 80 columns, keeping each character: joined, they are whole again.
        [regex]::Matches(($console -join ''), 'Performing the operation ".*?" on target ".*?"\.').Value | Should -Be @(
            "Performing the operation `"Add the Intermediate certificate '$($subjects.SchertzLabIssuingCA)' ($($thumbprints.SchertzLabIssuingCA))`" on target `"$store/CA`"."
            "Performing the operation `"Add the Intermediate certificate '$($subjects.SchertzLabPolicyCA)' ($($thumbprints.SchertzLabPolicyCA))`" on target `"$store/CA`"."
            "Performing the operation `"Add the Root certificate '$($subjects.SchertzLabRootCA)' ($($thumbprints.SchertzLabRootCA))`" on target `"$store/Root`"."
            "Performing the operation `"Add the Root certificate '$($subjects.SchertzLabRootCA)' ($($thumbprints.SchertzLabRootCA))`" on target `"$store/CA`"."
        )
        Get-Content $results | Should -Be @(
            "Added CA $($thumbprints.SchertzLabIssuingCA)"
            "Added CA $($thumbprints.SchertzLabPolicyCA)"
            "Skipped Root $($thumbprints.SchertzLabRootCA)"
            "Added CA $($thumbprints.SchertzLabRootCA)"
        )
        Get-Content "$TestDrive/confirm-verbose.txt" | Should -Contain "'SchertzLabRootCA' was not added to $store/Root: not confirmed"
        Get-StoreFolderContent "$store/Root" | Should -BeNullOrEmpty
        @(Get-ChildItem "$store/Root" -Force).Count | Should -Be 0
        Get-StoreFolderContent "$store/CA" | Should -Be (
            "$certs/SchertzLabIssuingCA.cer", "$certs/SchertzLabPolicyCA.cer", "$certs/SchertzLabRootCA.cer" | ForEach-Object { Get-StoreEntryName $_ } | Sort-Object)
    }

    It 'takes X509Certificate2 objects, PEM strings and base64 strings' {
        $root = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/root.cer")
        ($root | Import-CaChain -StorePath "$TestDrive/objects").Store | Should -Be 'Root'  # alone: Root only
        $pem = (Get-Content "$pki/intermediates.pem" -Raw)
        # Its subordinates arrive: the root joins CA.
        ($pem | Import-CaChain -StorePath "$TestDrive/objects" -ErrorAction SilentlyContinue | Where-Object Action -eq Added |
            ForEach-Object { "$($_.Subject -replace '^CN=([^,]+).*', '$1') $($_.Store)" }) |
            Should -Be 'SchertzLabIssuingCA CA', 'SchertzLabPolicyCA CA', 'SchertzLabRootCA CA'
        $base64 = [Convert]::ToBase64String($root.RawData)
        ($base64 | Import-CaChain -StorePath "$TestDrive/objects").Action | Should -Be @('AlreadyPresent', 'AlreadyPresent')
    }

    It 'takes a PEM file from Get-Content line by line' {
        $placed = Get-Content "$pki/intermediates.pem" | Import-CaChain -StorePath "$TestDrive/lines"
        ($placed | Where-Object Action -eq Added).Count | Should -Be 2
    }

    It 'takes deserialized Get-CaChain output from a job' {
        $pkiPath = $pki.FullName
        $copies = Start-Job { param($module, $file) Import-Module $module; Get-CaChain -Path $file } -ArgumentList $env:CACHAIN_MODULE, "$pkiPath/chain.p7b" |
            Receive-Job -Wait -AutoRemoveJob
        $copies[0].PSObject.TypeNames | Should -Contain 'Deserialized.CaChain.CaChainElement'
        $placed = $copies | Import-CaChain -StorePath "$TestDrive/from-job" -ErrorAction SilentlyContinue
        ($placed | Where-Object Action -eq Added).Count | Should -Be 4
    }

    It 'refuses a leaf file named alone with an error that names it, and still places the CAs' {
        $placed = Import-CaChain -Path "$pki/pool1.cer", "$certs/SchertzLabRootCA.cer" -StorePath "$TestDrive/leaf" -ErrorVariable problems -ErrorAction SilentlyContinue
        ($placed | Where-Object Action -eq Added).Store | Should -Be 'Root'
        $skipped = $placed | Where-Object Action -eq Skipped
        $skipped.Role | Should -Be 'Leaf'
        $skipped.Location | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeExactly "'pool1.schertz.lab': is not a CA certificate, so it belongs in no trust store; it was skipped (use -Force to trust it directly)"
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Import-CaChain.Refused,CaChain.Commands.ImportCaChainCommand'
    }

    It 'leaves out the leaf of a .p7b with a verbose note, not an error' {
        $placed = Import-CaChain -Path "$pki/chain.p7b" -StorePath "$TestDrive/leaf-in-p7b" -ErrorVariable problems -Verbose 4>&1
        $notes = $placed | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $results = $placed | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $problems | Should -BeNullOrEmpty
        ($results | Where-Object Action -eq Added).Count | Should -Be 4
        ($results | Where-Object Action -eq Skipped).Role | Should -Be 'Leaf'
        $notes.Message | Should -Contain "Leaving out 'pool1.schertz.lab' from $pki/chain.p7b: it is not a CA certificate (a server's own certificate that came with its chain), so it belongs in no trust store (use -Force to trust it directly)"
    }

    It 'leaves out the leaf of a .pfx without an error' {
        $password = ConvertTo-SecureString 'pfx-password' -AsPlainText -Force
        $placed = Import-CaChain -Path "$pki/pool1.pfx" -Password $password -StorePath "$TestDrive/leaf-in-pfx" -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        ($placed | Where-Object Action -eq Added).Count | Should -Be 4
    }

    It 'says that a .pfx needs a password when none was given' {
        Import-CaChain -Path "$pki/pool1.pfx" -StorePath "$TestDrive/pfx-no-password" -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -Be "$pki/pool1.pfx: the PKCS#12 file is protected by a password, and none was given (use -Password)"
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Import-CaChain.PasswordNeeded,CaChain.Commands.ImportCaChainCommand'
    }

    It 'says that the password of a .pfx is wrong when a wrong one was given' {
        $password = ConvertTo-SecureString 'not-it' -AsPlainText -Force
        Import-CaChain -Path "$pki/pool1.pfx" -Password $password -StorePath "$TestDrive/pfx-wrong" -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -Be "$pki/pool1.pfx: the PKCS#12 password is wrong"
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Import-CaChain.WrongPassword,CaChain.Commands.ImportCaChainCommand'
    }

    It 'names the bad file of a folder, not the folder' {
        $folder = "$TestDrive/folder-with-junk"
        New-Item -ItemType Directory $folder | Out-Null
        Copy-Item "$certs/SchertzLabRootCA.cer" $folder
        Set-Content "$folder/junk.cer" 'junk'
        $placed = Import-CaChain -Path $folder -StorePath "$TestDrive/folder-junk-store" -ErrorVariable problems -ErrorAction SilentlyContinue
        $placed.Store | Should -Be 'Root'
        $problems.Count | Should -Be 1
        $problems[0].TargetObject | Should -Be "$folder/junk.cer"
    }

    It 'leaves out the leaf of Get-CaChain output without an error' {
        $placed = Get-CaChain -Path "$pki/chain.p7b" | Import-CaChain -StorePath "$TestDrive/piped-chain" -ErrorVariable problems
        $placed.Count | Should -Be 4
        $placed.Role | Should -Not -Contain 'Leaf'
        $problems | Should -BeNullOrEmpty
    }

    It 'writes an error for a bad file and imports the good ones' {
        Set-Content "$TestDrive/broken.cer" 'not a certificate'
        $placed = Get-ChildItem "$TestDrive/broken.cer", "$certs/SchertzLabRootCA.cer" | Import-CaChain -StorePath "$TestDrive/bad" -ErrorVariable problems -ErrorAction SilentlyContinue
        $placed.Store | Should -Be 'Root'
        $problems.Count | Should -Be 1
        $problems[0].TargetObject | Should -Be "$TestDrive/broken.cer"
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Import-CaChain.UnsupportedFormat,CaChain.Commands.ImportCaChainCommand'
        $problems[0].Exception.Message | Should -BeExactly "$TestDrive/broken.cer: the text is not valid base64"
    }

    It 'warns that a root has expired, naming it and its expiry date, and still imports it' {
        $key = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=OldLabRootCA', $key, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
        $old = $request.CreateSelfSigned([DateTimeOffset]'2019-01-01T00:00:00Z', [DateTimeOffset]'2020-01-31T12:00:00Z')
        New-Item -ItemType Directory "$TestDrive/expired" | Out-Null  # an existing store: no warning of its own
        $placed = Import-CaChain -InputObject $old -StorePath "$TestDrive/expired" -WarningVariable warnings -WarningAction SilentlyContinue
        $placed.Action | Should -Be 'Added'
        $placed.Store | Should -Be 'Root'
        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -Be "the root 'OldLabRootCA' ($($old.Thumbprint)) expired on 2020-01-31 12:00:00 UTC; it was imported, but no chain that ends in it is trusted until it is renewed"
    }

    It 'does not warn about a root that is valid' {
        New-Item -ItemType Directory "$TestDrive/valid" | Out-Null
        $placed = Import-CaChain -Path "$certs/SchertzLabRootCA.cer" -StorePath "$TestDrive/valid" -WarningVariable warnings
        "$($placed.Action) $($placed.Store) $($placed.Thumbprint)" | Should -Be "Added Root $($thumbprints.SchertzLabRootCA)"
        $warnings | Should -BeNullOrEmpty
    }

    It 'warns that a store folder that did not exist was created' {
        $store = Join-Path $TestDrive 'new-store'
        $placed = Import-CaChain -Path "$certs/SchertzLabRootCA.cer" -StorePath $store -WarningVariable warnings -WarningAction SilentlyContinue
        $placed.Action | Should -Be 'Added'
        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -Be "the store folder $store did not exist and was created"
        $second = Import-CaChain -Path "$certs/SchertzLabPolicyCA.cer" -StorePath $store -WarningVariable again
        # Its subordinate arrives: the root joins CA.
        ($second | ForEach-Object { "$($_.Action) $($_.Store) $($_.Thumbprint)" }) |
            Should -Be @("Added CA $($thumbprints.SchertzLabPolicyCA)", "Added CA $($thumbprints.SchertzLabRootCA)")
        $again | Should -BeNullOrEmpty
    }

    It 'warns that a system root that did not exist was created' -Skip:(-not $IsLinux) {
        $system = Join-Path $TestDrive 'new-image'
        Import-CaChain -Path "$certs/SchertzLabRootCA.cer" -SystemRoot $system -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -BeExactly "the store folder $system did not exist and was created"
    }

    It 'creates nothing and warns about nothing with -WhatIf on a store folder that does not exist' {
        $store = Join-Path $TestDrive 'whatif-new-store'
        Import-CaChain -Path "$certs/SchertzLabRootCA.cer" -StorePath $store -WhatIf -WarningVariable warnings | Out-Null
        $warnings | Should -BeNullOrEmpty
        Test-Path $store | Should -BeFalse
    }

    Context 'folders' {
        BeforeAll {
            $tree = "$TestDrive/tree"
            New-Item -ItemType Directory "$tree/old/deeper" | Out-Null
            Copy-Item "$certs/SchertzLabRootCA.cer" $tree
            Copy-Item "$certs/SchertzLabPolicyCA.cer" "$tree/old"
            Copy-Item "$certs/SchertzLabIssuingCA.cer" "$tree/old/deeper"
        }

        It 'takes only the files Get-ChildItem lists, not the subfolders listed beside them' {
            $output = Get-ChildItem $tree | Import-CaChain -StorePath "$TestDrive/listed" -Verbose 4>&1
            $placed = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $placed.Thumbprint | Should -Be $thumbprints.SchertzLabRootCA
            $placed.Store | Should -Be 'Root'
            ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
                Should -Contain "Leaving out the folder $tree/old: it came with files, as Get-ChildItem lists subfolders beside them (use Get-ChildItem -Recurse -File to import the files of subfolders too)."
        }

        It 'takes a folder piped alone as its own files, not its subfolders'' files' {
            $placed = Get-Item $tree | Import-CaChain -StorePath "$TestDrive/folder-alone"
            $placed.Thumbprint | Should -Be $thumbprints.SchertzLabRootCA
            $placed = Get-Item "$tree/old" | Import-CaChain -StorePath "$TestDrive/subfolder-alone"
            $placed.Thumbprint | Should -Be $thumbprints.SchertzLabPolicyCA
        }

        It 'takes the files of every subfolder from Get-ChildItem -Recurse -File' {
            $placed = Get-ChildItem $tree -Recurse -File | Import-CaChain -StorePath "$TestDrive/recursed"
            ($placed | Where-Object Store -eq CA).Count | Should -Be 3
        }
    }

    It 'rolls everything back when a store write fails, and keeps what was there' {
        $store = "$TestDrive/rollback"
        Import-CaChain -Path "$certs/SchertzLabPolicyCA.cer" -StorePath $store -Force | Out-Null
        $before = Get-ChildItem $store -Recurse -File | ForEach-Object FullName
        $before | Should -Be "$store/CA/$((Get-StoreEntryName "$certs/SchertzLabPolicyCA.cer").Split(' ')[0])"
        Remove-Item "$store/Root" -Recurse -ErrorAction SilentlyContinue
        Set-Content "$store/Root" 'a file where the Root folder should be'
        Get-ChildItem $certs | Import-CaChain -StorePath $store -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Import-CaChain.IO,CaChain.Commands.ImportCaChainCommand'
        $problems[0].Exception.Message | Should -BeExactly "$store/Root: is not a folder; the 1 change(s) made before it were undone"
        Get-ChildItem "$store/CA" -File | ForEach-Object FullName | Should -Be ($before | Where-Object { $_ -like '*/CA/*' })
    }

    It 'places into the Linux system trust, redirected to a temporary system root' -Skip:(-not $IsLinux) {
        $system = New-TestSystemRoot "$TestDrive/system"
        $placed = Get-ChildItem $certs | Import-CaChain -StoreLocation LocalMachine -SystemRoot $system
        ($placed | Where-Object Action -eq Added).Count | Should -Be 4
        Get-Content "$system/etc/ssl/certs/ca-certificates.crt" -Raw | Should -Match '-----BEGIN CERTIFICATE-----'
        openssl verify -CAfile "$system/etc/ssl/certs/ca-certificates.crt" -untrusted "$pki/intermediates.pem" "$pki/pool1.pem" | Should -Be "$pki/pool1.pem: OK"
    }

    It 'makes the folders 0755 and the files 0644 it places trust in, even under umask 000' -Skip:(-not $IsLinux) {
        # Under umask 000 they used to be 0777: anyone could add a root.
        $system = New-TestSystemRoot "$TestDrive/umask-000"
        $store = "$TestDrive/umask-000-store"
        $import = "Import-Module '$env:CACHAIN_MODULE'; " +
            "Get-ChildItem '$certs' | Import-CaChain -SystemRoot '$system' | Out-Null; " +
            "Get-ChildItem '$certs' | Import-CaChain -StorePath '$store' | Out-Null"
        sh -c 'umask 000; exec pwsh -NoProfile -NonInteractive -Command "$1"' sh $import
        $LASTEXITCODE | Should -Be 0
        $modes = find "$system/usr/local/share/ca-certificates/cachain" "$system/usr/local/share/cachain" $store -printf '%m %P\n' |
            Sort-Object
        $root, $policy, $issuing = $thumbprints['SchertzLabRootCA'], $thumbprints['SchertzLabPolicyCA'], $thumbprints['SchertzLabIssuingCA']
        $stored = Get-ChildItem "$store/Root", "$store/CA" -File | ForEach-Object { "644 $($_.Directory.Name)/$($_.Name)" }
        $stored.Count | Should -Be 4
        $modes | Should -Be (@('755 ', '755 ', '755 ', "644 $root.crt", '755 intermediates', '644 intermediates.pem',
                "644 intermediates/$root.pem", "644 intermediates/$policy.pem", "644 intermediates/$issuing.pem",
                '755 Root', '755 CA') + $stored | Sort-Object)
    }

    It 'places into a Debian image the Debian way, with links that still resolve when the image is moved' -Skip:(-not $IsLinux) {
        $image = New-TestSystemRoot "$TestDrive/debian-image"
        Set-Content "$image/etc/os-release" 'ID=debian'
        $root = $thumbprints.SchertzLabRootCA
        $placed = Get-ChildItem $certs | Import-CaChain -SystemRoot $image -WarningVariable warnings
        ($placed | Where-Object Store -eq Root).Location | Should -Be "$image/usr/local/share/ca-certificates/cachain"
        Get-ChildItem "$image/usr/local" -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($image, $_.FullName) } | Sort-Object |
            Should -Be (@("usr/local/share/ca-certificates/cachain/$root.crt", 'usr/local/share/cachain/intermediates.pem') +
                ($thumbprints.SchertzLabRootCA, $thumbprints.SchertzLabPolicyCA, $thumbprints.SchertzLabIssuingCA | ForEach-Object { "usr/local/share/cachain/intermediates/$_.pem" }) | Sort-Object)
        (Get-Item "$image/etc/ssl/certs/$root.pem").LinkTarget | Should -Be "../../../usr/local/share/ca-certificates/cachain/$root.crt"
        $warnings | Should -BeNullOrEmpty  # this Debian machine's update-ca-certificates ran for it

        Move-Item $image "$TestDrive/debian-image-moved"
        $moved = "$TestDrive/debian-image-moved"
        openssl verify -CApath "$moved/etc/ssl/certs" -untrusted "$moved/usr/local/share/cachain/intermediates.pem" "$pki/pool1.pem" |
            Should -Be "$pki/pool1.pem: OK"
    }

    It 'places into a RHEL image the RHEL way, and says what to run inside it' -Skip:(-not $IsLinux) {
        $image = "$TestDrive/rhel-image"
        New-Item -ItemType Directory "$image/etc/pki/ca-trust/source/anchors" -Force | Out-Null
        Set-Content "$image/etc/os-release" 'NAME="Red Hat Enterprise Linux"', 'ID="rhel"', 'ID_LIKE="fedora"'
        $root = $thumbprints.SchertzLabRootCA
        $placed = Get-ChildItem $certs | Import-CaChain -SystemRoot $image -WarningVariable warnings -WarningAction SilentlyContinue
        ($placed | Where-Object Action -eq Added).Count | Should -Be 4
        ($placed | Where-Object Store -eq Root).Location | Should -Be "$image/etc/pki/ca-trust/source/anchors"
        Get-ChildItem $image -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($image, $_.FullName) } | Sort-Object |
            Should -Be (@('etc/os-release', "etc/pki/ca-trust/source/anchors/$root.crt", 'usr/local/share/cachain/intermediates.pem') +
                ($thumbprints.SchertzLabRootCA, $thumbprints.SchertzLabPolicyCA, $thumbprints.SchertzLabIssuingCA | ForEach-Object { "usr/local/share/cachain/intermediates/$_.pem" }) | Sort-Object)
        $warnings.Message | Should -Be ("$image is a RHEL image whose own tool cannot run from this machine: run 'update-ca-trust extract' inside the image " +
            "(for example: chroot $image update-ca-trust extract) so that its trust bundle reflects the change in $image/etc/pki/ca-trust/source/anchors")
    }

    It 'places into a SUSE image the SUSE way, and says what to run inside it' -Skip:(-not $IsLinux) {
        $image = "$TestDrive/suse-image"
        New-Item -ItemType Directory "$image/etc/pki/trust/anchors" -Force | Out-Null
        Set-Content "$image/etc/os-release" 'NAME="openSUSE Leap"', 'ID="opensuse-leap"', 'ID_LIKE="suse opensuse"'
        $root = $thumbprints.SchertzLabRootCA
        $policy = $thumbprints.SchertzLabPolicyCA
        $placed = Import-CaChain -Path "$certs/SchertzLabRootCA.cer", "$certs/SchertzLabPolicyCA.cer" -SystemRoot $image -WarningVariable warnings -WarningAction SilentlyContinue
        ($placed | Where-Object Store -eq Root).Location | Should -Be "$image/etc/pki/trust/anchors"
        Get-ChildItem $image -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($image, $_.FullName) } | Sort-Object |
            Should -Be (@('etc/os-release', "etc/pki/trust/anchors/$root.crt", 'usr/local/share/cachain/intermediates.pem',
                "usr/local/share/cachain/intermediates/$root.pem", "usr/local/share/cachain/intermediates/$policy.pem") | Sort-Object)
        $warnings.Message | Should -Be ("$image is a SUSE image whose own tool cannot run from this machine: run 'update-ca-certificates' inside the image " +
            "(for example: chroot $image update-ca-certificates) so that its trust bundle reflects the change in $image/etc/pki/trust/anchors")
    }

    It 'places into CurrentUser through .NET''s X509Store on Linux' -Skip:(-not $IsLinux) {
        $userHome = "$TestDrive/home"
        New-Item -ItemType Directory $userHome | Out-Null
        $script = "Import-Module '$env:CACHAIN_MODULE'; Get-ChildItem '$certs' | Import-CaChain -StoreLocation CurrentUser | ConvertTo-Json -Depth 2"
        $env:HOME, $saved = $userHome, $env:HOME
        try { $json = & $env:PWSH -NoProfile -NonInteractive -Command $script } finally { $env:HOME = $saved }
        $placed = $json | ConvertFrom-Json
        ($placed | Where-Object Action -eq Added).Count | Should -Be 4
        $placed[0].Location | Should -BeLike 'CurrentUser*'
        $stores = "$userHome/.dotnet/corefx/cryptography/x509stores"
        Get-ChildItem $stores -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($stores, $_.FullName) } | Sort-Object |
            Should -Be (@("root/$($thumbprints.SchertzLabRootCA).pfx") +
                ($thumbprints.SchertzLabRootCA, $thumbprints.SchertzLabPolicyCA, $thumbprints.SchertzLabIssuingCA | ForEach-Object { "ca/$_.pfx" }) | Sort-Object)
    }

    It 'gives results that bind to no TLS endpoint when piped into Test-CaChain or Get-CaChain' {
        # Named ComputerName, this host's name bound as an endpoint and port 443 was dialled.
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath "$TestDrive/not-an-endpoint"
        $placed[0].PSObject.Properties.Name | Should -Not -Contain 'ComputerName'
        $tested = $placed | Test-CaChain -StorePath "$TestDrive/not-an-endpoint" -ErrorVariable testProblems -ErrorAction SilentlyContinue
        $got = $placed | Get-CaChain -ErrorVariable getProblems -ErrorAction SilentlyContinue
        $tested | Should -BeNullOrEmpty
        $got | Should -BeNullOrEmpty
        # With no property to bind, each result arrives as its text, which is
        # neither a file nor a certificate: no connection, no port 443.
        $testProblems.FullyQualifiedErrorId | Should -Be (@('Test-CaChain.NotFileOrCertificate,CaChain.Commands.TestCaChainCommand') * 4)
        $getProblems.FullyQualifiedErrorId | Should -Be (@('Get-CaChain.NotFileOrCertificate,CaChain.Commands.GetCaChainCommand') * 4)
    }

    It 'shows the Store in its 80-column table, so the root''s Root and CA rows differ' {
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath "$TestDrive/table"
        $lines = @(($placed | Format-Table | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
        $lines[0] | Should -Be 'PlacedOn     Action         Role         Store Subject              Location'
        # Between PlacedOn (this host) and Location (under $TestDrive): Action, Role, Store and Subject.
        ($lines | Select-Object -Skip 2 | ForEach-Object { $_.Substring(13, 54).TrimEnd() }) | Should -Be @(
            'Added          Intermediate CA    SchertzLabIssuingCA'
            'Added          Intermediate CA    SchertzLabPolicyCA'
            'Added          Root         Root  SchertzLabRootCA'
            'Added          Root         CA    SchertzLabRootCA'
        )
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
    }

    It 'names a Base64 that is not base64, and imports the good rows' {
        $rows = [pscustomobject]@{ Base64 = 'not base64!' },
                [pscustomobject]@{ Base64 = [Convert]::ToBase64String((Get-Content "$pki/root.cer" -AsByteStream)) }
        $placed = $rows | Import-CaChain -StorePath "$TestDrive/bad-base64" -ErrorVariable problems -ErrorAction SilentlyContinue
        ($placed | ForEach-Object { "$($_.Action) $($_.Store)" }) | Should -Be 'Added Root'
        $problems.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,CaChain.Commands.ImportCaChainCommand'
        $problems.Exception.Message | Should -BeExactly ("Cannot process argument transformation on parameter 'RawData'. 'not base64!' is not a certificate in base64: " +
            'pipe Get-CaChain output, or rows that Import-Csv read from its Export-Csv.')
    }
}
