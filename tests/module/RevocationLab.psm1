# A small CA that publishes its revocation lists, built with the openssl CLI
# (not CaChain's test PKI), for Test-CaChain -CheckRevocation on Linux and, with
# openssl.exe under Wine, on Windows. Its CRLs are made by `openssl ca -gencrl`
# and left in DER in <folder>/www, for an HTTP server on 127.0.0.1 to serve.
#
#   LabRootCA -> LabIssuingCA -> pool1 (good), pool2 (revoked: keyCompromise,
#   2026-11-29 12:00 UTC), pool3 (its CRL only at an ldap: address)
# Every certificate but the root names its CRL at <base>/<issuer>.crl.

Import-Module (Join-Path $PSScriptRoot CaChainTestSupport.psm1)
$openssl = Get-OpenSslProgram

function Invoke-OpenSsl {
    $output = & $openssl @args 2>&1
    if ($LASTEXITCODE -ne 0) { throw "openssl $args failed: $output" }
    $output
}

# Files openssl reads: "\n" line ends on every platform, and forward slashes,
# since a backslash in an openssl configuration value is an escape.
function Write-LabFile([string] $Path, [string[]] $Lines) {
    [IO.File]::WriteAllText($Path, (($Lines | ForEach-Object { "$_`n" }) -join ''))
}

function ConvertTo-OpenSslPath([string] $Path) { $Path -replace '\\', '/' }

# A certificate signed by $Issuer (self-signed without one), with the
# extensions given as openssl configuration lines.
function New-LabCertificate([string] $Lab, [string] $Name, [string] $Issuer, [string[]] $Extensions, [string] $Serial) {
    Write-LabFile "$Lab/$Name.cnf" (@('[req]', 'distinguished_name = dn', '[dn]', '[ext]') + $Extensions)
    Invoke-OpenSsl req -config "$Lab/$Name.cnf" -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes `
        -keyout "$Lab/$Name.key" -out "$Lab/$Name.csr" -subj "/CN=$Name" | Out-Null
    $signer = if ($Issuer) { @('-CA', "$Lab/$Issuer.pem", '-CAkey', "$Lab/$Issuer.key") } else { @('-signkey', "$Lab/$Name.key") }
    if (-not $Serial) { $Serial = "0x$((Get-Random -Maximum 0x7fffffff).ToString('X8'))" }
    Invoke-OpenSsl x509 -req -in "$Lab/$Name.csr" @signer -set_serial $Serial -days 30 `
        -extfile "$Lab/$Name.cnf" -extensions ext -out "$Lab/$Name.pem" | Out-Null
    Invoke-OpenSsl x509 -in "$Lab/$Name.pem" -outform DER -out "$Lab/$Name.cer" | Out-Null
}

# The CA's CRL in DER, revoking the given certificates (keyCompromise, 2026-11-29 12:00 UTC).
function Publish-LabCrl([string] $Lab, [string] $Ca, [string[]] $Revoked) {
    $index = foreach ($name in $Revoked) {
        $serial = ((Invoke-OpenSsl x509 -in "$Lab/$name.pem" -noout -serial) -split '=')[1].Trim()
        "R`t351231235959Z`t261129120000Z,keyCompromise`t$serial`tunknown`t/CN=$name"
    }
    $at = ConvertTo-OpenSslPath $Lab
    Write-LabFile "$Lab/$Ca.index" @($index)
    Write-LabFile "$Lab/$Ca.crlnumber" '01'
    Write-LabFile "$Lab/$Ca.ca.cnf" '[ca]', 'default_ca = lab', '[lab]', "database = $at/$Ca.index",
        "crlnumber = $at/$Ca.crlnumber", 'default_md = sha256', 'default_crl_days = 7'
    Invoke-OpenSsl ca -batch -config "$Lab/$Ca.ca.cnf" -gencrl -keyfile "$Lab/$Ca.key" -cert "$Lab/$Ca.pem" -out "$Lab/$Ca.crl.pem" | Out-Null
    Invoke-OpenSsl crl -in "$Lab/$Ca.crl.pem" -outform DER -out "$Lab/www/$Ca.crl" | Out-Null
}

function New-RevocationLab {
    param([Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [string] $Base)
    $lab = (New-Item -ItemType Directory -Force $Folder).FullName
    New-Item -ItemType Directory -Force "$lab/www" | Out-Null
    $ldap = 'ldap:///CN=LabIssuingCA,CN=ISSUING,CN=CDP,CN=Public Key Services,CN=Services,CN=Configuration,DC=schertz,DC=lab?certificateRevocationList?base'

    $ca = 'basicConstraints=critical,CA:true', 'keyUsage=critical,keyCertSign,cRLSign'
    New-LabCertificate $lab LabRootCA '' $ca
    New-LabCertificate $lab LabIssuingCA LabRootCA ($ca + "crlDistributionPoints=URI:$Base/LabRootCA.crl")
    $leaf = 'basicConstraints=CA:false', 'extendedKeyUsage=serverAuth', 'subjectAltName=DNS:pool1.schertz.lab'
    New-LabCertificate $lab pool1 LabIssuingCA ($leaf + "crlDistributionPoints=URI:$Base/LabIssuingCA.crl")
    New-LabCertificate $lab pool2 LabIssuingCA ($leaf + "crlDistributionPoints=URI:$Base/LabIssuingCA.crl")
    New-LabCertificate $lab pool3 LabIssuingCA ('basicConstraints=CA:false', 'crlDistributionPoints=@cdp', '[cdp]', "URI.0=`"$ldap`"") 0x3
    Publish-LabCrl $lab LabRootCA @()
    Publish-LabCrl $lab LabIssuingCA @('pool2')
    [pscustomobject]@{ Folder = $lab; Www = "$lab/www"; Base = $Base; Ldap = $ldap }
}

Export-ModuleMember -Function New-RevocationLab
