# Runs one Pester file against the staged module; exits non-zero when a test
# fails, when a block or the file itself fails, when nothing ran, or when any
# test was skipped: a missing prerequisite must make the run red.
param([Parameter(Mandatory)] [string] $TestFile, [Parameter(Mandatory)] [string] $PesterModule)
Import-Module $PesterModule -ErrorAction Stop
$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestFile
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$run = Invoke-Pester -Configuration $configuration

$problems = @(
    if ($run.FailedCount -gt 0) { "$($run.FailedCount) test(s) failed" }
    if ($run.FailedBlocksCount -gt 0) { "$($run.FailedBlocksCount) block(s) failed in BeforeAll/AfterAll" }
    if ($run.FailedContainersCount -gt 0) { "the file failed to run" }
    if ($run.SkippedCount -gt 0) { "$($run.SkippedCount) test(s) skipped: $($run.Skipped.ExpandedPath -join '; ')" }
    if ($run.NotRunCount -gt 0) { "$($run.NotRunCount) test(s) did not run" }
    if ($run.PassedCount -eq 0) { 'no test passed' }
)
if ($problems) {
    Write-Host "Pester: $TestFile`: $($problems -join ', ')" -ForegroundColor Red
    exit 1
}
