# Runs one Pester file against the staged module; exits non-zero on failure.
param([Parameter(Mandatory)] [string] $TestFile, [Parameter(Mandatory)] [string] $PesterModule)
Import-Module $PesterModule -ErrorAction Stop
$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestFile
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = 'Detailed'
Invoke-Pester -Configuration $configuration
