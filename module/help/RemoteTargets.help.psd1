# The help of the parameters by which Import-, Test- and Remove-CaChain run
# on other machines: one text for all three (New-CaChainHelp.ps1 merges it).
@{
    Session        = 'PowerShell sessions (New-PSSession) to run on, each one machine. The sessions stay open. Results carry CaChainTarget, the session''s computer name (with its port when not the default).'
    SshHost        = 'Machines to reach over PowerShell''s SSH remoting, each written [user@]host[:port]; the port lives in the name, so each machine can have its own. The cmdlet opens the sessions and closes them. Needs PowerShell 7 here and a powershell subsystem in each machine''s sshd. A machine that refuses the key, cannot be reached or has no such name is an error of its own (AuthenticationFailed, Unreachable, HostNotFound) and the others go on.'
    UserName       = 'With -SshHost: the user to log in as, for names that give none.'
    KeyFilePath    = 'With -SshHost: the private key file ssh authenticates with.'
    SshOption      = 'With -SshHost: ssh options (-o) as a hashtable, for example @{ StrictHostKeyChecking = ''accept-new'' }. ssh''s own messages stay quiet unless LogLevel is given; a failure is diagnosed and reported per machine.'
    TargetComputer = 'Machines to reach over WinRM (Windows PowerShell remoting). The cmdlet opens the sessions and closes them. For JEA endpoints or other WinRM settings, open the sessions with New-PSSession and give -Session.'
    Credential     = 'With -TargetComputer: the account to connect as.'
    ThrottleLimit  = 'How many machines are worked on at once (1 to 1024; 32 by default). Each machine''s whole transaction counts: connecting, copying the module, the work and the cleanup. Results stream back as each machine finishes.'
    CopyModule     = 'For machines without this version of CaChain: copies this module, with only the native library of the machine''s platform, into a private temporary folder there, runs the cmdlet from it in a child PowerShell, and removes the folder afterwards, even when the work fails. A machine whose platform has no native library in this module, or whose PowerShell is older than 5.1, gets an error of its own. Without it, a machine that has no CaChain installed gets a NotInstalled error.'
    Summary        = 'Writes one CaChainTargetReport per machine instead of the per-certificate results: target, status, counts, the trust verdict, the CA certificates it lacks, the error, timings. Every property is a scalar, so Export-Csv writes it as it is.'
}
