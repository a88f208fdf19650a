using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;

namespace CaChain.Commands
{
    // A string from the pipeline is a path or certificate text, whichever it
    // is, so that 'root.cer' | Import-CaChain and Get-Content root.pem |
    // Get-CaChain both work: a string that names an existing file or folder is
    // a path; PEM or base64 text is a certificate. Get-Content without -Raw
    // sends a PEM file line by line: the lines of one block are gathered and
    // the block is handed on at its END line.
    internal sealed class PipelineStrings
    {
        // Only tells text from other strings; the library decodes it.
        private static readonly Regex Base64Text = new Regex(@"^\s*[A-Za-z0-9+/=][A-Za-z0-9+/=\s]*$");

        private readonly PSCmdlet cmdlet;
        private StringBuilder pemBlock;

        public PipelineStrings(PSCmdlet cmdlet) { this.cmdlet = cmdlet; }

        public static string NeitherMessage(string text) => $"{text}: neither an existing file nor certificate text (PEM or base64)";

        public void Take(string text, Action<string> path, Action<string> certificateText, Action<string> neither)
        {
            if (pemBlock != null)
            {
                pemBlock.AppendLine(text);
                if (text.Contains("-----END")) certificateText(Flush());
                return;
            }
            List<string> files = ExistingFiles(text);
            if (files.Count > 0) foreach (string file in files) path(file);
            else if (text.Contains("-----BEGIN") && !text.Contains("-----END")) pemBlock = new StringBuilder().AppendLine(text);
            else if (text.Contains("-----BEGIN") || Base64Text.IsMatch(text)) certificateText(text);
            else neither(text);
        }

        // The block still open, or null: at the end of the pipeline a block
        // without its END line is read anyway, and reported as truncated.
        public string Flush()
        {
            string block = pemBlock?.ToString();
            pemBlock = null;
            return block;
        }

        // Wildcards resolved as -Path resolves them; anything that is not an
        // existing file-system item is no path.
        private List<string> ExistingFiles(string text)
        {
            if (string.IsNullOrWhiteSpace(text) || text.Contains("-----")) return new List<string>();
            try
            {
                List<string> resolved = cmdlet.GetResolvedProviderPathFromPSPath(text, out ProviderInfo provider).ToList();
                return provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider) ? resolved : new List<string>();
            }
            catch (Exception error) when (error is RuntimeException || error is ArgumentException || error is NotSupportedException || error is InvalidOperationException || error is System.IO.IOException)
            {
                return new List<string>();
            }
        }
    }
}
