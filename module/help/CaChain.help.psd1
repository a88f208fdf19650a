# The help text of every cmdlet. New-CaChainHelp.ps1 turns it into MAML
# (en-US/CaChain.dll-Help.xml) at build time, taking each parameter's type,
# position, pipeline input and parameter sets from the compiled cmdlets, so
# help and code cannot drift apart.
@{
    'Get-CaChain' = @{
        Synopsis    = 'Shows the certification path of a certificate, a file, a folder or a TLS server, as the Certification Path tab does.'
        Description = @(
            'Get-CaChain builds the chain of each target certificate up to a self-signed root, from the certificates you give it, the extra issuers in -IssuerPath, the chain a server presents, the CA certificates this machine already holds (unless -SkipLocalStores), and (unless -Offline) the issuers named by each certificate''s Authority Information Access URL.'
            'It writes one object per chain element, root first, with its depth (0 is the target), its role (Root, Intermediate or Leaf), subject, issuer, thumbprint, validity and where it came from. When an issuer is missing, it warns and names the missing issuer, its key identifier and where to download it.'
            'Files may be DER or PEM (.cer, .crt, .pem), PKCS#7 (.p7b, .p7c) or PKCS#12 (.pfx, .p12, with -Password). Private keys are never read into the output: only certificates are kept.'
            'All the certificates of one call (every path, folder, object and string, the pipeline included) are issuers for each other, and each one that issued none of the others is a target: Get-CaChain -Path leaf.pem, issuing.pem, root.pem gives one chain. They are read as they come and the chains are built when the pipeline ends. Each TLS server keeps its own chain; give it issuers with -IssuerPath.'
            'A string from the pipeline is a path when it names an existing file or folder (wildcards allowed), a certificate when it is PEM or base64 text (Get-Content file.pem | Get-CaChain: the lines of each PEM block are gathered), and otherwise an error that names it.'
        )
        Parameters  = @{
            Path         = 'Files or folders to read. Wildcards are allowed. A folder is read file by file; a bad file writes an error and the others are still read. Strings from the pipeline bind here: a string that names no existing file is read as PEM or base64 text, or else written as an error (NotFileOrCertificate).'
            LiteralPath  = 'Files or folders to read, taken literally (no wildcards). Get-ChildItem output binds here through its PSPath and FullName properties.'
            InputObject  = 'Certificates from the pipeline, for example from Get-ChildItem Cert:\LocalMachine\My or Get-PfxCertificate. Only the certificate is used, never its private key.'
            RawData      = 'Certificate bytes from the pipeline: Get-CaChain output and its deserialized copies. The elements are gathered and their chains built at the end.'
            ComputerName = 'TLS servers to connect to: a host name or address, host:port, [IPv6]:port, or a URL pasted from a browser (https://host:8443/path: only its host and port are used). The chain the server presents is taken without trusting it; that is what is being diagnosed.'
            Port         = 'The TCP port for names that give none; a port written in a name (host:port, [IPv6]:port, a URL''s port) wins for that name. The default is 443; Skype for Business and Lync pools use 5061, LDAPS 636, the global catalog 3269.'
            Protocol     = 'How to start TLS: Auto (SMTP STARTTLS on 25 and 587, LDAP StartTLS on 389, plain TLS elsewhere), Tls, Smtp or Ldap.'
            IssuerPath   = 'Extra files or folders of issuer certificates to build chains from, for example the CA certificates exported on a domain member.'
            Password     = 'The password of PKCS#12 (.pfx, .p12) files.'
            Offline      = 'Never download missing issuers from their AIA URLs; only the given certificates, the server''s chain and this machine''s stores are used.'
            SkipLocalStores = 'Leave out the CA certificates this machine already holds, for a clean-room answer. Without it they are issuers too: on Windows the LocalMachine and CurrentUser stores Root, CA and AuthRoot; on Linux the system trust bundle, CaChain''s intermediates and .NET''s CurrentUser stores. Each element''s Source names its store; a store that cannot be read is a warning.'
            TimeoutSec   = 'The time limit, in seconds, for each connection and each AIA download. The default is 10.'
            All          = 'Also write the alternative paths, not only the best one per target (cross-signed and renewed CAs can give several).'
        }
        Examples    = @(
            @{ Code = 'Get-CaChain -ComputerName pool1.schertz.lab -Port 5061'; Remarks = 'Shows the chain of the certificate that the Lync pool presents on port 5061, fetching any issuer the server does not send from its AIA URL.' }
            @{ Code = 'Get-ChildItem Cert:\LocalMachine\My | Where-Object Subject -like ''*pool1*'' | Get-CaChain'; Remarks = 'On Windows, shows the chain of the server''s own certificate from the computer''s Personal store.' }
            @{ Code = 'Get-CaChain -Path .\pool1.cer -IssuerPath .\certs -Offline'; Remarks = 'Builds the chain from files only, without any network use; a missing issuer is named in a warning.' }
        )
        Inputs      = @('System.String (paths)', 'System.Security.Cryptography.X509Certificates.X509Certificate2')
        Outputs     = @('CaChain.CaChainElement')
        Notes       = 'How a chain is chosen when several exist is documented in the README: complete paths to a root first, then valid before expired, then key identifier matches, then the shortest.'
    }
    'Export-CaChain' = @{
        Synopsis    = 'Writes the CA certificates of a chain to files, as the MMC Certificate Export Wizard does one by one.'
        Description = @(
            'Export-CaChain finds each chain as Get-CaChain does and writes its root and every subordinate CA certificate into -Destination: one DER .cer file per certificate by default (the seed''s "DER encoded binary X.509"), one PEM file per certificate with -Format Pem, or one PKCS#7 bundle with -Format P7b. The leaf is written only with -IncludeLeaf.'
            'File names come from the certificates'' names, made safe for Windows and Linux; they never leave the destination folder. Each file is written atomically. A file that exists with the same content is left alone (Unchanged); one with different content is never replaced without -Force. No private key is ever written.'
            'All the certificates of one call are issuers for each other, as with Get-CaChain: Export-CaChain -Path leaf.cer, issuing.cer, root.cer writes the chain of the leaf, and a CA file shared by two targets is written and reported once.'
            'Its output (one object per file, with Path) pipes straight into Import-CaChain.'
        )
        Parameters  = @{
            Path         = 'Files or folders to read. Wildcards are allowed. Strings from the pipeline bind here: existing files are paths, PEM or base64 text is a certificate, anything else is an error naming it.'
            LiteralPath  = 'Files or folders to read, taken literally. Get-ChildItem output binds here.'
            InputObject  = 'Certificates from the pipeline.'
            RawData      = 'Get-CaChain output from the pipeline: its elements are gathered and their chains written at the end.'
            ComputerName = 'TLS servers whose presented chain to export: host, host:port, [IPv6]:port or a URL (only its host and port are used).'
            Port         = 'The TCP port for names that give none (443 by default); a port written in a name wins for that name.'
            Protocol     = 'How to start TLS: Auto, Tls, Smtp or Ldap.'
            IssuerPath   = 'Extra files or folders of issuer certificates.'
            Password     = 'The password of PKCS#12 files. Their private keys are dropped when read.'
            Offline      = 'Never download missing issuers from AIA URLs.'
            SkipLocalStores = 'Leave out the CA certificates this machine already holds (its Root, CA and AuthRoot stores on Windows, its system trust on Linux), which are issuers otherwise.'
            TimeoutSec   = 'The time limit, in seconds, for each connection and download (10 by default).'
            Destination  = 'The folder to write into; it is created when missing.'
            Format       = 'Der (the default: .cer files as the MMC wizard writes them), Pem, or P7b (one bundle for the chain).'
            IncludeLeaf  = 'Also write the target certificate itself, not only its CAs.'
            Force        = 'Replace existing files whose content differs.'
        }
        Examples    = @(
            @{ Code = 'Get-CaChain -ComputerName pool1.schertz.lab -Port 5061 | Export-CaChain -Destination C:\certs'; Remarks = 'Exports the root and every subordinate CA of the pool''s chain as .cer files into C:\certs, ready to carry to a workgroup machine.' }
            @{ Code = 'Export-CaChain -Path .\pool1.pfx -Password (Read-Host -AsSecureString) -Destination ./certs -Format P7b'; Remarks = 'Writes the CA certificates held in a .pfx as one .p7b bundle; the private key in the .pfx is never written.' }
            @{ Code = 'Get-CaChain -ComputerName pool1.schertz.lab -Port 5061 | Export-CaChain -Destination ./certs -WhatIf'; Remarks = 'Lists the files that would be written, writing nothing.' }
        )
        Inputs      = @('System.String (paths)', 'System.Security.Cryptography.X509Certificates.X509Certificate2', 'CaChain.CaChainElement')
        Outputs     = @('CaChain.CaChainFile')
    }
    'Import-CaChain' = @{
        Synopsis    = 'Places CA certificates into the right trust stores: a root into Trusted Root Certification Authorities (and Intermediate Certification Authorities when it has subordinate CAs), every other CA into Intermediate Certification Authorities.'
        Description = @(
            'Import-CaChain does what the seed does by hand in the Certificates snap-in: the root goes into Root, and into CA as well when its chain has subordinate CAs (a single root CA goes into Root only; a root imported alone earlier joins CA when its first subordinate is imported), every policy or issuing CA into CA only, in the computer account (LocalMachine) unless -StoreLocation CurrentUser. Roles come from the certificates themselves, never from file names. A certificate that is not a CA goes into no store: named alone (a file or object holding just it) it is refused with an error unless -Force; the leaf of piped Get-CaChain output, or one that came in a .pfx, .p7b or PEM file with its chain, is left out with a verbose note.'
            'All pipeline input is collected and placed as one transaction: if any write fails, everything this call added is removed again and nothing that was there before is touched. A certificate already present is reported as AlreadyPresent. A set whose links do not verify is refused.'
            'On Linux, LocalMachine is the system trust: roots are installed as the distribution expects (update-ca-certificates, update-ca-trust, p11-kit) and intermediates are kept apart so they never become trust anchors. CurrentUser on Linux and macOS is .NET''s per-user X509Store, which pwsh and .NET programs of that user trust; curl and openssl ignore it. On Windows, adding to CurrentUser\Root raises a security prompt, which fails in unattended sessions: use LocalMachine there.'
            'With -SshHost, -TargetComputer or -Session, the certificate bytes are sent to each machine and placed there by its own Import-CaChain, each machine in its own all-or-nothing transaction, up to -ThrottleLimit machines at once. Results stream back as each machine finishes and carry CaChainTarget; an unreachable machine, a refused login, a missing module or a store that cannot be written is an error naming that machine, and the others go on. -CopyModule brings this module to machines that lack it, and removes it afterwards; -Summary writes one report line per machine.'
        )
        Parameters  = @{
            Path               = 'Certificate files to import (DER, PEM, PKCS#7 or PKCS#12). Wildcards are allowed.'
            LiteralPath        = 'Certificate files to import, taken literally. Get-ChildItem and Export-CaChain output bind here (through PSPath and FullName). A folder stands for its own files, never its subfolders''; the subfolders Get-ChildItem lists beside files are left out (there is no -Recurse: pipe Get-ChildItem -Recurse -File for those).'
            InputObject        = 'Certificates from the pipeline (X509Certificate2).'
            RawData            = 'Certificate bytes: Get-CaChain output, X509Certificate2 objects and their deserialized copies (from Import-Clixml, jobs or remoting) bind here, and by the alias Base64, Get-CaChain output read back with Import-Csv.'
            EncodedCertificate = 'Strings from the pipeline: a string that names an existing file or folder (wildcards allowed) is a path, a base64 or PEM string is a certificate, anything else is an error naming it (NotFileOrCertificate). The lines of a PEM file from Get-Content are gathered block by block.'
            StoreLocation      = 'LocalMachine (the default, the computer account), CurrentUser, Directory (with -StorePath), or Bundle: a PEM file for tools that take one (curl --cacert, git http.sslCAInfo, NODE_EXTRA_CA_CERTS), given with -StorePath or, without it, the user''s own ($XDG_DATA_HOME/cachain/ca-bundle.pem or ~/.local/share/cachain/ca-bundle.pem on Linux, %LOCALAPPDATA%\CaChain\ca-bundle.pem on Windows). In a bundle, each CA is one block under a "# CaChain Root|CA <thumbprint>" line, and every other line of the file is kept as it was. Or Nss (Linux): NSS databases, what Chromium and Firefox trust, changed through certutil (libnss3-tools): -StorePath names one database; without it, ~/.pki/nssdb (created when missing) and every Firefox profile, in one transaction. Roots go in as "CaChain Root <thumbprint>" trusted C,,, intermediates as "CaChain CA <thumbprint>" without trust. Or Java (Linux): a Java keystore, the JDK''s cacerts or the one in -StorePath, changed through keytool: roots only, as trusted certificates under the alias cachain-<thumbprint>, since Java trusts every trusted certificate of a keystore as a root of its own. Or All: every store this user''s software reads, in one transaction (a failure in one store undoes the others), each result naming its own StoreLocation and StorePath so that piping the results into Remove-CaChain undoes each exactly. On Linux: LocalMachine (in -SystemRoot when given; the other kinds stay this session''s), then the user''s NSS databases that exist (or, when there are none and certutil is installed, ~/.pki/nssdb, made as Chromium would), the cacerts of the running JDK ($JAVA_HOME, else the one whose keytool is on the system) when keytool is installed and that file exists, and the user''s own bundle when it exists. Run as root through sudo for another user, that user''s NSS databases and bundle are left out, with a warning. On Windows, where Chrome, Edge and Java can read the Windows stores, All is LocalMachine. CurrentUser goes with neither -StorePath nor -SystemRoot: the combination is refused.'
            StorePath          = 'A directory store instead of the system''s: Root and CA subfolders with OpenSSL hashed names, so that openssl verify -CApath works. For air-gapped staging, containers and tests. With -StoreLocation Bundle, the bundle file instead; with Nss, one NSS database''s folder. A folder, file or database that does not exist is created, with a warning that says so. With Java, the keystore file (JKS or PKCS#12; -KeystorePath names it too; created as PKCS#12 when missing). Not with -SystemRoot, nor with -StoreLocation other than Directory, Bundle, Nss or Java (All names its stores itself).'
            KeystorePassword   = 'The password of the Java keystore (-StoreLocation Java), as a SecureString; changeit, the password of a JDK''s cacerts, when not given. It reaches keytool through its environment, never a command line, and is never sent to other machines. A wrong one is an error (WrongPassword) and changes nothing.'
            SystemRoot         = 'Linux only: a folder that stands for / when placing into LocalMachine, for container images and chroots. The layout is the image''s own (its etc/os-release): for a RHEL or SUSE image the files are written and a warning names the command to run inside the image (update-ca-trust extract, update-ca-certificates). A folder that does not exist is created, with a warning that says so. Not with -StorePath, nor with -StoreLocation other than LocalMachine or All (whose system trust it is then).'
            Password           = 'The password of PKCS#12 files. Only their certificates are used. A protected file read without it is an error that says a password is needed.'
            Force              = 'Also place certificates the rule refuses: a self-signed non-CA certificate into Root, any other non-CA certificate into CA.'
            ExcludeRootFromCA  = 'Leave roots out of Intermediate Certification Authorities. The seed puts the root of a multi-tier chain in both, which is the default; a single root CA goes into Trusted Root only either way.'
            ChainRole          = 'Bound from Get-CaChain output: the chain''s leaf (the server''s own certificate) is left out, since it belongs in no trust store, unless -Force.'
        }
        Examples    = @(
            @{ Code = 'Get-ChildItem C:\certs | Import-CaChain'; Remarks = 'On a workgroup machine, places the exported .cer files into LocalMachine: the root into Root and CA, the subordinate CAs into CA.' }
            @{ Code = 'Get-ChildItem ./certs | Import-CaChain -WhatIf'; Remarks = 'Lists exactly which certificate would be added to which store, changing nothing.' }
            @{ Code = '$sessions = New-PSSession -ComputerName edge1, edge2; Get-ChildItem C:\certs | Import-CaChain -Session $sessions'; Remarks = 'Places the chain on many servers through PowerShell remoting; no file needs to be on the targets.' }
            @{ Code = 'Get-CaChain -ComputerName pool1.schertz.lab -Port 5061 | Import-CaChain -StorePath ./staging'; Remarks = 'Places the chain''s CA certificates into a directory store, for example to build a container image; the server''s own certificate is left out.' }
            @{ Code = 'Get-ChildItem ./certs | Import-CaChain -SystemRoot /mnt/debian-image'; Remarks = 'On Linux, places the chain into the system trust of a mounted Debian image (or a container''s root folder) the way that image expects, before it boots: the root as an anchor, the subordinate CAs in CaChain''s intermediates folder.' }
        )
        Inputs      = @('System.String', 'System.IO.FileInfo', 'System.Security.Cryptography.X509Certificates.X509Certificate2', 'CaChain.CaChainElement', 'CaChain.CaChainFile')
        Outputs     = @('CaChain.CaChainPlacement')
        Notes       = 'Placing into LocalMachine needs an elevated session on Windows and root on Linux; the error says so.'
    }
    'Remove-CaChain' = @{
        Synopsis    = 'Undoes a placement: removes certificates from trust stores by thumbprint.'
        Description = @(
            'Remove-CaChain removes exactly what Import-CaChain added. Pipe Import-CaChain''s results into it (entries the import found already present are left alone), pipe Get-CaChain output, or give -Thumbprint. Removal is by thumbprint only, never by name or serial number, so a different certificate with the same name is never touched.'
            'All removals of one call are one transaction.'
            'Stores a certificate was never in are reported as verbose messages; with -Verbose they are output as NotPresent results.'
            'Results of a fleet import (Import-CaChain -SshHost, -TargetComputer or -Session) carry CaChainTarget: piped back with the same target parameters, each machine removes only what was placed on it, in its own transaction. Without target parameters they are refused (RemoteTarget), since they were placed elsewhere.'
        )
        Parameters  = @{
            Thumbprint      = 'SHA-1 thumbprints (40 hex digits) of the certificates to remove. Spaces between the digits, and the invisible left-to-right mark the MMC copies with them, are ignored.'
            Store           = 'Root or CA. Both when not given.'
            StoreLocation   = 'LocalMachine (the default), CurrentUser, Directory (with -StorePath), or Bundle (the file in -StorePath, else the user''s own bundle). Only CaChain''s own blocks are taken out of a bundle; a bundle left empty is deleted. Or Nss (one database in -StorePath, else every database of the user): only the nicknames CaChain gave are deleted. Or Java (the keystore in -StorePath, else the JDK''s cacerts): only the aliases CaChain gave are deleted. Or All: every store that Import-CaChain -StoreLocation All places into, in one transaction.'
            StorePath       = 'A directory store to remove from, or with -StoreLocation Bundle the bundle file, with Nss the NSS database. With Java, the keystore file (JKS or PKCS#12; -KeystorePath names it too; created as PKCS#12 when missing). Not with -SystemRoot, nor with -StoreLocation other than Directory, Bundle, Nss or Java (All names its stores itself).'
            KeystorePassword= 'The password of the Java keystore (-StoreLocation Java), as a SecureString; changeit, the password of a JDK''s cacerts, when not given. It reaches keytool through its environment, never a command line, and is never sent to other machines. A wrong one is an error (WrongPassword) and changes nothing.'
            SystemRoot      = 'Linux only: a folder that stands for /, for LocalMachine. For a RHEL or SUSE image a warning names the command to run inside the image. Not with -StorePath, nor with -StoreLocation other than LocalMachine or All (whose system trust it is then).'
            PlacementAction = 'Bound from Import-CaChain results: only certificates the import Added are removed.'
            PlacedOn        = 'Bound from Import-CaChain results (their PlacedOn): results of an import on another machine are refused here; undo them on that machine.'
            CaChainTarget   = 'Bound from the results of a fleet import: the machine the certificate was placed on. With target parameters, it is undone on that machine only; without, it is refused.'
        }
        Examples    = @(
            @{ Code = '$placed = Get-ChildItem C:\certs | Import-CaChain; $placed | Remove-CaChain'; Remarks = 'Imports a chain, then removes exactly what that import added.' }
            @{ Code = 'Remove-CaChain -Thumbprint 2D1AEBE0214F1E8E1A824231288E264F599060BB -Store Root -WhatIf'; Remarks = 'Shows what removing one root from LocalMachine\Root would do. Press Tab after -Thumbprint to complete the thumbprints the targeted store holds.' }
            @{ Code = 'Remove-CaChain -Thumbprint ''2d 1a eb e0 21 4f 1e 8e 1a 82 42 31 28 8e 26 4f 59 90 60 bb'' -SystemRoot /mnt/debian-image'; Remarks = 'On Linux, removes a root from a mounted Debian image''s system trust, with the thumbprint pasted from the MMC''s Details tab (spaces and all).' }
        )
        Inputs      = @('CaChain.CaChainPlacement', 'CaChain.CaChainElement')
        Outputs     = @('CaChain.CaChainPlacement')
    }
    'Test-CaChain' = @{
        Synopsis    = 'Tells whether this machine, or a given store, trusts an endpoint or a certificate, and if not, why and how to fix it.'
        Description = @(
            'Test-CaChain builds each target''s chain with the store''s intermediates and the given issuers, with the store''s roots as the only trust anchors. The result names the first broken link and the fix, for example: the root ''SchertzLabRootCA'' is not in LocalMachine\Root; run Import-CaChain.'
            'It carries the codes users see: the Schannel error (0x80090325 SEC_E_UNTRUSTED_ROOT), the CryptoAPI chain error (0x800B0109 CERT_E_UNTRUSTEDROOT, 0x800B010A CERT_E_CHAINING) and the OpenSSL verify code. Resolve-CaChainError explains each.'
        )
        Parameters  = @{
            Path          = 'Certificate files to test. Wildcards are allowed. Strings from the pipeline bind here: existing files are paths, PEM or base64 text is a certificate, anything else is an error naming it. All the certificates of one call are tested together, as one bundle (-Quiet answers once for them).'
            LiteralPath   = 'Certificate files to test, taken literally.'
            InputObject   = 'Certificates from the pipeline.'
            RawData       = 'Get-CaChain output from the pipeline: its elements are gathered and their chains tested at the end.'
            ComputerName  = 'TLS servers to test: host, host:port, [IPv6]:port or a URL (only its host and port are used).'
            Port          = 'The TCP port for names that give none (443 by default); a port written in a name wins for that name.'
            Protocol      = 'How to start TLS: Auto, Tls, Smtp or Ldap.'
            IssuerPath    = 'Extra issuer certificates, as a client would have them.'
            Password      = 'The password of PKCS#12 files.'
            Offline       = 'Never use the network beyond the endpoint itself. Without it, missing issuers are downloaded through their AIA URLs, only to name them in the reason: OpenSSL clients never download issuers, so on Linux a download never makes the chain trusted.'
            SkipLocalStores = 'Accepted as by Get-CaChain, and changes nothing here: Test-CaChain never adds this machine''s other stores as issuers, because its judge gets only what a client has (what was sent, -IssuerPath, and the tested store as its clients read it).'
            TimeoutSec    = 'The time limit, in seconds, for each connection (10 by default).'
            StoreLocation = 'The stores to test against: LocalMachine (the default), CurrentUser, Directory (with -StorePath), or Bundle (the file in -StorePath, else the user''s own bundle; every certificate in it counts as trusted, as OpenSSL clients read it), or Nss with one NSS database in -StorePath (its roots trusted C for TLS servers are the anchors), or Java with a keystore (its trusted certificates are the anchors). Not All: a verdict is about one store, so All is refused (InvalidArgument) with the stores it stands for; test each with its own -StoreLocation.'
            StorePath     = 'A directory store to test against, or with -StoreLocation Bundle the bundle file, with Nss the NSS database. A folder, file or database that does not exist is an error (ObjectNotFound) naming it, not an untrusted answer. With Java, the keystore file (JKS or PKCS#12; -KeystorePath names it too; created as PKCS#12 when missing). Not with -SystemRoot, nor with -StoreLocation other than Directory, Bundle, Nss or Java (All names its stores itself).'
            KeystorePassword= 'The password of the Java keystore (-StoreLocation Java), as a SecureString; changeit, the password of a JDK''s cacerts, when not given. It reaches keytool through its environment, never a command line, and is never sent to other machines. A wrong one is an error (WrongPassword) and changes nothing.'
            SystemRoot    = 'Linux only: a folder that stands for /, for LocalMachine; one that does not exist is an error naming it. Not with -StorePath, nor with -StoreLocation other than LocalMachine.'
            Quiet         = 'Return only $true or $false: $false, without an error, for a server that cannot be reached.'
            At            = 'The time to evaluate at (a local time unless the DateTime says UTC): will the chain still be trusted then? Now by default.'
            DnsName       = 'The name checked against the certificate, a host name or an IP address. By default an endpoint''s own name; no name for files.'
            Purpose       = 'What the chain is checked for: ServerAuth (the default, as TLS clients check), ClientAuth, or Any (no extended key usage check).'
            WarnWithinDays = 'Warn about each CA certificate of the path that expires within this many days (0 to 36500); the result''s Warnings holds the same lines.'
            CheckRevocation = 'Also check the revocation of each certificate of the path but the root, as a client that checks revocation (Schannel, by default) would: every OCSP responder and http:// CRL it names is asked, once per URL, within -TimeoutSec per URL, 16 MiB per CRL, never through a proxy; an answer counts only when its issuer signed it and it is current. RevocationStatus is Good, Revoked, Offline (published, but nothing current could be fetched, or ldap: only, which only domain members reach), Unusable (every answer failed its checks), NotPublished or NotChecked; RevocationError is the code Schannel reports (CRYPT_E_REVOKED, CRYPT_E_REVOCATION_OFFLINE, CRYPT_E_NO_REVOCATION_CHECK; programs that check through WinVerifyTrust or WinHTTP report the last two as CERT_E_REVOCATION_FAILURE), with RevocationReason and RevocationFix; Revocation lists each certificate. A revoked certificate makes the result untrusted. With -Offline nothing is fetched: it says where each status is published, and that an ldap:-only one is out of reach.'
        }
        Examples    = @(
            @{ Code = 'Test-CaChain -ComputerName pool1.schertz.lab -Port 5061'; Remarks = 'Tells whether this machine trusts the pool''s certificate, and if not, which link is missing and what to run.' }
            @{ Code = 'if (-not (Test-CaChain -ComputerName pool1.schertz.lab -Port 5061 -Quiet)) { Get-ChildItem \\fileserver\certs | Import-CaChain }'; Remarks = 'Fixes the machine only when it does not trust the pool yet.' }
            @{ Code = 'Test-CaChain -ComputerName pool1.schertz.lab -Port 5061 -CheckRevocation | Format-List RevocationStatus, RevocationError, RevocationReason, RevocationFix'; Remarks = 'Tells, before any client fails, whether this machine can check the revocation of the pool''s chain, and if not, why (an ldap:-only CRL, a blocked address, an expired CRL) and what can be done.' }
            @{ Code = 'Test-CaChain -Path ./pool1.cer -SystemRoot /mnt/debian-image'; Remarks = 'On Linux, tells whether a mounted image''s system trust trusts the certificate, reading the image''s stores instead of this machine''s.' }
        )
        Inputs      = @('System.String (paths)', 'System.Security.Cryptography.X509Certificates.X509Certificate2')
        Outputs     = @('CaChain.CaChainTestResult', 'System.Boolean')
    }
    'Resolve-CaChainError' = @{
        Synopsis    = 'Explains a TLS or certificate chain error code: its name, what it means, its likely causes, and a fix that can work.'
        Description = @(
            'Resolve-CaChainError works like the lcserror tool: give it the code from an event log, a client''s error dialog, an OpenSSL tool or Test-CaChain. After leading and trailing blanks are dropped, it reads the text by this rule: 0x and up to 8 hex digits is an HRESULT (0x80090325); 8 hex digits starting with 8 are an HRESULT as the event log shows it (80090325, 800B010A); decimal 0 to 199 is an OpenSSL verify code (20 is X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY); any other decimal is an HRESULT, unsigned (2148074277) or negative (-2146893019); anything else is a symbolic name in any case (SEC_E_UNTRUSTED_ROOT) or OpenSSL''s own words for a code, whole and in any case (unable to get local issuer certificate).'
            'It covers the SEC_E_*, CERT_E_*, CRYPT_E_* and TRUST_E_* codes that TLS and chain failures produce, including the Schannel, Kerberos and NTLM codes that machines outside the domain meet (SEC_E_NO_AUTHENTICATING_AUTHORITY, SEC_E_LOGON_DENIED, SEC_E_TARGET_UNKNOWN, SEC_E_UNSUPPORTED_FUNCTION). The fix names Import-CaChain only where a missing CA certificate is the cause; a cipher mismatch or a wrong server name gets the change that mends it instead.'
            'Piped Test-CaChain results bind by their TlsError property; a trusted result has no code and is passed over. Press Tab after Resolve-CaChainError to complete the catalogue''s names (SEC_E_<Tab>).'
        )
        Parameters  = @{
            Code = 'The codes to explain, from the pipeline too: strings, numbers, Test-CaChain results (their TlsError) or objects with an HResult, ErrorCode or Code property. Tab completes the catalogue''s names.'
        }
        Examples    = @(
            @{ Code = 'Resolve-CaChainError 0x80090325'; Remarks = 'Explains SEC_E_UNTRUSTED_ROOT, the error of the seed: the client does not trust the root of the server''s chain; Import-CaChain fixes it.' }
            @{ Code = 'Resolve-CaChainError 80090302'; Remarks = 'Explains a code copied from the event log without its 0x: SEC_E_UNSUPPORTED_FUNCTION, a TLS version or cipher mismatch, which importing certificates does not fix.' }
            @{ Code = '-2146762487, 20, ''certificate has expired'' | Resolve-CaChainError'; Remarks = 'Explains a negative HRESULT (CERT_E_UNTRUSTEDROOT), an OpenSSL verify code and OpenSSL''s own words from the pipeline.' }
            @{ Code = 'Test-CaChain -ComputerName pool1.schertz.lab -Port 5061 | Resolve-CaChainError'; Remarks = 'Explains the TLS error of each chain the machine does not trust.' }
        )
        Inputs      = @('System.String', 'System.Int32', 'System.Int64', 'CaChain.CaChainTestResult')
        Outputs     = @('CaChain.CaChainErrorInfo')
    }
}
