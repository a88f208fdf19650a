# How Get-, Export- and Test-CaChain read -ComputerName and -Port, and what
# they say when a server cannot be reached. The same rules hold in all three,
# so each case runs in each cmdlet.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $v4 = Start-TlsServer -Pki $pki -WithIntermediates
    $v6 = Start-TlsServer -Pki $pki -WithIntermediates -IPv6
    $silent = Start-SilentServer
    $trusted = "$TestDrive/trusted"
    Import-CaChain -Path "$pki/chain.p7b" -StorePath $trusted -ErrorAction SilentlyContinue | Out-Null

    # Reaches the server the way each cmdlet does, and answers with where it
    # connected: Get-CaChain names it in each element's Source, Test-CaChain
    # in its result's Endpoint; Export-CaChain writes files, so it answers
    # with their names.
    function Invoke-Reach {
        [CmdletBinding()]
        param([string] $Cmdlet, [hashtable] $Target)
        $common = @{ Offline = $true; SkipLocalStores = $true; TimeoutSec = 2 }
        switch ($Cmdlet) {
            'Get-CaChain' {
                $chain = Get-CaChain @Target @common -WarningAction SilentlyContinue
                $chain | Select-Object -Last 1 | ForEach-Object Source
            }
            'Test-CaChain' {
                $result = Test-CaChain @Target @common -StorePath $trusted -DnsName pool1.schertz.lab
                $result | ForEach-Object { "$($_.Endpoint), trusted: $($_.Trusted)" }
            }
            'Export-CaChain' {
                $files = Export-CaChain @Target @common -IssuerPath "$pki/root.cer" -Destination "$TestDrive/export-$([guid]::NewGuid())"
                if ($files) { ($files | ForEach-Object { Split-Path -Leaf $_.Path } | Sort-Object) -join ', ' }
            }
        }
    }

    # What each cmdlet answers when it reached the server at address:port.
    function Get-Reached {
        param([string] $Cmdlet, [string] $Endpoint)
        switch ($Cmdlet) {
            'Get-CaChain' { "presented by $Endpoint" }
            'Test-CaChain' { "$Endpoint, trusted: True" }
            'Export-CaChain' { 'SchertzLabIssuingCA.cer, SchertzLabPolicyCA.cer, SchertzLabRootCA.cer' }
        }
    }

    # The parameters of a case: {0} in it stands for the server's port, {1}
    # for a port where nothing listens.
    function Get-Target {
        param([hashtable] $Case, [int] $ServerPort, [int] $ClosedPort)
        $target = @{ ComputerName = $Case.ComputerName -f $ServerPort, $ClosedPort }
        if ($Case.Port) { $target.Port = [int]($Case.Port -f $ServerPort, $ClosedPort) }
        $target
    }
}
AfterAll { $v4, $v6, $silent | Stop-TestServer }

Describe '<Cmdlet> -ComputerName' -ForEach @(
    @{ Cmdlet = 'Get-CaChain' }
    @{ Cmdlet = 'Export-CaChain' }
    @{ Cmdlet = 'Test-CaChain' }
) {
    It 'reaches the server from <Case>' -ForEach @(
        @{ Case = '[IPv6]:port'; ComputerName = '[::1]:{0}'; Family = 'v6' }
        @{ Case = '[IPv6] and -Port'; ComputerName = '[::1]'; Port = '{0}'; Family = 'v6' }
        @{ Case = 'a bare IPv6 address and -Port'; ComputerName = '::1'; Port = '{0}'; Family = 'v6' }
        @{ Case = 'host:port, whose port wins over another -Port'; ComputerName = '127.0.0.1:{0}'; Port = '{1}'; Family = 'v4' }
        @{ Case = '[IPv6]:port, whose port wins over another -Port'; ComputerName = '[::1]:{0}'; Port = '{1}'; Family = 'v6' }
        @{ Case = 'a pasted https URL with a port'; ComputerName = 'https://127.0.0.1:{0}/'; Family = 'v4' }
        @{ Case = 'a pasted IPv6 URL with a path, query and fragment'; ComputerName = 'https://[::1]:{0}/owa/?a=b#c'; Family = 'v6' }
        @{ Case = 'a URL without a port, and -Port'; ComputerName = 'https://127.0.0.1/'; Port = '{0}'; Family = 'v4' }
    ) {
        $server = if ($Family -eq 'v6') { $v6 } else { $v4 }
        $address = if ($Family -eq 'v6') { '[::1]' } else { '127.0.0.1' }
        $target = Get-Target $_ $server.Port (Get-FreePort)
        Invoke-Reach $Cmdlet $target -ErrorVariable problems | Should -Be (Get-Reached $Cmdlet "${address}:$($server.Port)")
        $problems | Should -BeNullOrEmpty
    }

    It 'refuses <Name> with an error naming it, and goes on with the next name' -ForEach @(
        @{ Name = '127.0.0.1:70000'; Reason = 'the port must be a number from 1 to 65535' }
        @{ Name = '[::1]:0'; Reason = 'the port must be a number from 1 to 65535' }
        @{ Name = 'https://127.0.0.1:70000/'; Reason = 'the port must be a number from 1 to 65535' }
        @{ Name = 'pool1.schertz.lab:ldaps'; Reason = 'the port must be a number from 1 to 65535' }
        @{ Name = '[::1'; Reason = 'is not a host name, host:port, [IPv6]:port or URL' }
    ) {
        $target = @{ ComputerName = $Name, "127.0.0.1:$($v4.Port)" }
        Invoke-Reach $Cmdlet $target -ErrorVariable problems -ErrorAction SilentlyContinue | Should -Be (Get-Reached $Cmdlet "127.0.0.1:$($v4.Port)")
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeExactly "${Name}: $Reason"
        $problems[0].FullyQualifiedErrorId | Should -BeExactly "$Cmdlet.Argument,CaChain.Commands.$($Cmdlet -replace '-', '')Command"
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].TargetObject | Should -BeExactly $Name
    }

    It 'says <Kind> with its own category and error id' -ForEach @(
        @{ Kind = 'a refused connection'; Server = 'closed'; ErrorId = 'ConnectionFailed'; Category = 'ConnectionError'; Reason = 'the connection was refused: nothing listens on port {0}' }
        @{ Kind = 'a time-out'; Server = 'silent'; ErrorId = 'TimedOut'; Category = 'OperationTimeout'; Reason = 'no TLS handshake within 2 seconds (the server sent nothing, or too slowly)' }
        # An empty label: the resolver refuses the name without asking any
        # DNS server, so the test stays on this machine.
        @{ Kind = 'a host name that does not resolve'; Server = 'dns'; ErrorId = 'HostNotFound'; Category = 'ObjectNotFound'; Reason = 'cannot resolve the host name ''pool9..schertz.lab'' (Name or service not known)' }
    ) {
        $port = switch ($Server) { 'closed' { Get-FreePort } 'silent' { $silent.Port } 'dns' { 443 } }
        $name = if ($Server -eq 'dns') { 'pool9..schertz.lab' } else { "127.0.0.1:$port" }
        Invoke-Reach $Cmdlet @{ ComputerName = $name } -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
        $problems.Count | Should -Be 1
        $endpoint = if ($Server -eq 'dns') { 'pool9..schertz.lab:443' } else { "127.0.0.1:$port" }
        $problems[0].Exception.Message | Should -BeExactly ("${endpoint}: " + ($Reason -f $port))
        $problems[0].FullyQualifiedErrorId | Should -BeExactly "$Cmdlet.$ErrorId,CaChain.Commands.$($Cmdlet -replace '-', '')Command"
        $problems[0].CategoryInfo.Category | Should -Be $Category
        $problems[0].TargetObject | Should -BeExactly $name
    }
}

Describe '<Cmdlet> -LiteralPath' -ForEach @(
    @{ Cmdlet = 'Get-CaChain' }
    @{ Cmdlet = 'Export-CaChain' }
    @{ Cmdlet = 'Test-CaChain' }
    @{ Cmdlet = 'Import-CaChain' }
) {
    It 'says a file that does not exist is not found, as -Path does' {
        $missing = "$TestDrive/nothing-here.cer"
        $extra = switch ($Cmdlet) {
            'Export-CaChain' { @{ Destination = "$TestDrive/out" } }
            'Test-CaChain' { @{ StorePath = $trusted } }
            'Import-CaChain' { @{ StorePath = "$TestDrive/never-written" } }
            default { @{} }
        }
        & $Cmdlet -LiteralPath $missing @extra -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeExactly "${missing}: no such file or folder"
        $problems[0].FullyQualifiedErrorId | Should -BeExactly "$Cmdlet.PathNotFound,CaChain.Commands.$($Cmdlet -replace '-', '')Command"
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        { & $Cmdlet -Path $missing @extra -ErrorAction Stop } | Should -Throw -ErrorId "$Cmdlet.PathNotFound,CaChain.Commands.$($Cmdlet -replace '-', '')Command"
    }
}
