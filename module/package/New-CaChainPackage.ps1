<#
.SYNOPSIS
Packs the staged CaChain module into the .nupkg that the PowerShell Gallery
and Install-PSResource take.

.DESCRIPTION
The package is made the way a module author publishes to the Gallery: with
PowerShell's own Publish-PSResource (Microsoft.PowerShell.PSResourceGet),
here into a folder repository. It reads the package's metadata from the
module manifest: version, description, URIs, release notes, and the tags
the Gallery searches by.

Publishing needs a registered repository, and PSResourceGet keeps those in
the user's profile, so run this with HOME (and XDG_DATA_HOME) pointing at a
scratch folder, as the build does.
#>
[CmdletBinding()]
param(
    # The staged module folder (build/module/CaChain), with both native libraries.
    [Parameter(Mandatory)] [string] $ModuleFolder,
    # The folder repository the package is published into: CaChain.<version>.nupkg.
    [Parameter(Mandatory)] [string] $OutputFolder,
    # Scratch space for the copy that is packed.
    [Parameter(Mandatory)] [string] $WorkFolder
)
$ErrorActionPreference = 'Stop'

# A package for both platforms: with one library missing, the module would
# install everywhere and then fail on that platform only.
foreach ($library in 'linux-x64/libcachain.so', 'win-x64/cachain.dll') {
    if (-not (Test-Path -LiteralPath (Join-Path $ModuleFolder $library))) {
        throw "cannot package ${ModuleFolder}: $library is missing (build with scripts/build.sh, which cross-builds cachain.dll)"
    }
}

# The packed copy: the build's library keeps its debugging information for
# the tests' stack traces; what users download does not need it (18 MB of 19).
function Copy-ModuleWithoutDebugInfo([string] $Destination) {
    Remove-Item -LiteralPath $Destination -Recurse -Force -ErrorAction Ignore
    Copy-Item -LiteralPath $ModuleFolder -Destination $Destination -Recurse
    & strip --strip-debug (Join-Path $Destination 'linux-x64/libcachain.so')
    if ($LASTEXITCODE -ne 0) { throw "strip failed ($LASTEXITCODE)" }
}

$null = New-Item -ItemType Directory -Force -Path $OutputFolder, $WorkFolder
$packedModule = Join-Path $WorkFolder 'CaChain'
Copy-ModuleWithoutDebugInfo $packedModule

$repository = 'CaChainPackaging'
Unregister-PSResourceRepository -Name $repository -ErrorAction Ignore
Register-PSResourceRepository -Name $repository -Uri (Resolve-Path -LiteralPath $OutputFolder).Path -Trusted
try {
    Publish-PSResource -Path $packedModule -Repository $repository
} finally {
    Unregister-PSResourceRepository -Name $repository
}
$version = (Import-PowerShellDataFile -LiteralPath (Join-Path $packedModule 'CaChain.psd1')).ModuleVersion
Join-Path $OutputFolder "CaChain.$version.nupkg"
