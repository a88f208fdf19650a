<#
.SYNOPSIS
Writes the module's MAML help (CaChain.dll-Help.xml) from CaChain.help.psd1
and the compiled cmdlets' own parameter metadata.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [Parameter(Mandatory)] [string] $HelpData,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleFolder -Force
$help = Import-PowerShellDataFile $HelpData
# The fleet parameters mean the same on every cmdlet that has them.
$remoteText = Import-PowerShellDataFile (Join-Path (Split-Path $HelpData) 'RemoteTargets.help.psd1')
# Common parameters are left to PowerShell (its [<CommonParameters>]); the
# optional ones a cmdlet supports (-WhatIf, -Confirm) are its own and are
# written like the others, as Get-Command -Syntax shows them.
$common = [System.Management.Automation.PSCmdlet]::CommonParameters
$standardText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. Nothing is changed.'
    Confirm = 'Asks for confirmation before each change.'
}
# Every cmdlet's help links the others and the about topic.
$aboutTopic = 'about_CaChain'

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$commandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create($OutFile, $settings)

function Write-Paragraphs([string[]] $Text) {
    $writer.WriteStartElement('maml', 'description', $maml)
    foreach ($line in $Text) { $writer.WriteElementString('maml', 'para', $maml, $line) }
    $writer.WriteEndElement()
}

function Get-PipelineInput($Parameter) {
    $kinds = @()
    foreach ($set in $Parameter.ParameterSets.Values) {
        if ($set.ValueFromPipeline) { $kinds += 'ByValue' }
        if ($set.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    }
    $kinds = @($kinds | Select-Object -Unique)
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

# A parameter's default, read from a new instance of the cmdlet: what the
# code sets, so help cannot drift. Nothing for switches and unset values.
function Get-DefaultValue($Command, $Parameter) {
    if ($Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]) { return $null }
    $value = [Activator]::CreateInstance($Command.ImplementingType).($Parameter.Name)
    if ($null -eq $value -or ($value -is [int] -and $value -eq 0)) { return $null }
    $value
}

function Write-Parameter($Command, $Parameter, $SetMetadata, [string] $Text, [switch] $Full) {
    $position = if ($SetMetadata -and $SetMetadata.Position -ge 0) { "$($SetMetadata.Position)" } else { 'named' }
    $required = if ($SetMetadata) { "$($SetMetadata.IsMandatory)".ToLower() } else { 'false' }
    $globbing = "$([bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))".ToLower()
    $writer.WriteStartElement('command', 'parameter', $commandNs)
    $writer.WriteAttributeString('required', $required)
    $writer.WriteAttributeString('variableLength', "$($Parameter.ParameterType.IsArray)".ToLower())
    $writer.WriteAttributeString('globbing', $globbing)
    $writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $Parameter))
    $writer.WriteAttributeString('position', $position)
    $writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $writer.WriteElementString('maml', 'name', $maml, $Parameter.Name)
    if ($Full) { Write-Paragraphs $Text }
    if ($Parameter.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
        $writer.WriteStartElement('command', 'parameterValue', $commandNs)
        $writer.WriteAttributeString('required', 'true')
        $writer.WriteString($Parameter.ParameterType.Name)
        $writer.WriteEndElement()
    }
    if ($Full) {
        $writer.WriteStartElement('dev', 'type', $dev)
        $writer.WriteElementString('maml', 'name', $maml, $Parameter.ParameterType.FullName)
        $writer.WriteEndElement()
        $default = Get-DefaultValue $Command $Parameter
        if ($null -ne $default) { $writer.WriteElementString('dev', 'defaultValue', $dev, "$default") }
        $enumValues = if ($Parameter.ParameterType.IsEnum) { [Enum]::GetNames($Parameter.ParameterType) -join ', ' }
        if ($enumValues) { $writer.WriteElementString('dev', 'possibleValues', $dev, $enumValues) }
    }
    $writer.WriteEndElement()
}

$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')
foreach ($name in $help.Keys | Sort-Object) {
    $entry = $help[$name]
    $command = Get-Command $name -Module CaChain
    $parameters = $command.Parameters.Values | Where-Object { $_.Name -notin $common }
    $texts = @{} + $standardText + $remoteText + $entry.Parameters
    foreach ($parameter in $parameters) {
        if (-not $texts.ContainsKey($parameter.Name)) { throw "$name -$($parameter.Name) has no help text in $HelpData" }
    }
    if ($entry.Examples.Count -lt 2) { throw "$name needs at least two examples" }

    $writer.WriteStartElement('command', 'command', $commandNs)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $writer.WriteStartElement('command', 'details', $commandNs)
    $writer.WriteElementString('command', 'name', $commandNs, $name)
    Write-Paragraphs $entry.Synopsis
    $writer.WriteElementString('command', 'verb', $commandNs, $command.Verb)
    $writer.WriteElementString('command', 'noun', $commandNs, $command.Noun)
    $writer.WriteEndElement()
    Write-Paragraphs $entry.Description

    $writer.WriteStartElement('command', 'syntax', $commandNs)
    foreach ($set in $command.ParameterSets) {
        $writer.WriteStartElement('command', 'syntaxItem', $commandNs)
        $writer.WriteElementString('maml', 'name', $maml, $name)
        foreach ($setParameter in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            Write-Parameter $command $command.Parameters[$setParameter.Name] $setParameter $texts[$setParameter.Name]
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'parameters', $commandNs)
    foreach ($parameter in $parameters | Sort-Object Name) {
        $first = $parameter.ParameterSets.Values | Select-Object -First 1
        Write-Parameter $command $parameter $first $texts[$parameter.Name] -Full
    }
    $writer.WriteEndElement()

    foreach ($kind in 'inputTypes', 'returnValues') {
        $types = if ($kind -eq 'inputTypes') { $entry.Inputs } else { $entry.Outputs }
        $writer.WriteStartElement('command', $kind, $commandNs)
        foreach ($type in $types) {
            $writer.WriteStartElement('command', $(if ($kind -eq 'inputTypes') { 'inputType' } else { 'returnValue' }), $commandNs)
            $writer.WriteStartElement('dev', 'type', $dev)
            $writer.WriteElementString('maml', 'name', $maml, $type)
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }

    if ($entry.Notes) {
        $writer.WriteStartElement('maml', 'alertSet', $maml)
        $writer.WriteStartElement('maml', 'alert', $maml)
        $writer.WriteElementString('maml', 'para', $maml, $entry.Notes)
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }

    $writer.WriteStartElement('command', 'examples', $commandNs)
    $number = 0
    foreach ($example in $entry.Examples) {
        $number++
        $writer.WriteStartElement('command', 'example', $commandNs)
        $writer.WriteElementString('maml', 'title', $maml, "-------------------------- Example $number --------------------------")
        $writer.WriteElementString('dev', 'code', $dev, $example.Code)
        $writer.WriteStartElement('dev', 'remarks', $dev)
        $writer.WriteElementString('maml', 'para', $maml, $example.Remarks)
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'relatedLinks', $commandNs)
    foreach ($link in @($help.Keys | Where-Object { $_ -ne $name } | Sort-Object) + $aboutTopic) {
        $writer.WriteStartElement('maml', 'navigationLink', $maml)
        $writer.WriteElementString('maml', 'linkText', $maml, $link)
        $writer.WriteElementString('maml', 'uri', $maml, '')
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
    $writer.WriteEndElement()
}
$writer.WriteEndElement()
$writer.Close()
