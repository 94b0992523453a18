using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace TekUp.Security.KeyManagement.Internal;

/// <summary>
/// Reads the master keys from options, the environment and the key file. Used twice: by the options validator
/// (which only collects problems) and by <see cref="LocalMasterKeyProvider"/> (which may generate the file).
/// Problems name the source, never the value.
/// </summary>
internal static class MasterKeyLoader
{
    public const string GeneratedFileMarker = "# TekUp.Security development master key";

    public static MasterKeySet? Load(KeyManagementOptions options, bool generate, ILogger? logger, TimeProvider timeProvider, List<string> problems)
    {
        var keys = new MasterKeySet();
        var fromOption = Parse(options.MasterKey, "KeyManagement:MasterKey", problems);
        var environmentValue = string.IsNullOrWhiteSpace(options.MasterKeyEnvironmentVariable)
            ? null
            : Environment.GetEnvironmentVariable(options.MasterKeyEnvironmentVariable);
        var fromEnvironment = Parse(environmentValue, $"The environment variable {options.MasterKeyEnvironmentVariable}", problems);
        var fromFile = ReadFile(options, generate && fromOption is null && fromEnvironment is null, logger, timeProvider, problems, out var fileMissingButGeneratable);

        // Precedence of the current key: option, environment, file. Every other key stays usable for unwrapping.
        AddIfPresent(keys, fromOption);
        AddIfPresent(keys, fromEnvironment);
        foreach (var key in fromFile)
        {
            keys.Add(key);
        }

        for (var i = 0; i < options.PreviousMasterKeys.Count; i++)
        {
            AddIfPresent(keys, Parse(options.PreviousMasterKeys[i], $"KeyManagement:PreviousMasterKeys[{i}]", problems));
        }

        if (keys.Count == 0 && !fileMissingButGeneratable && problems.Count == 0)
        {
            problems.Add(
                "No master key is configured. Set KeyManagement:MasterKey (32 random bytes, base64), the environment variable "
                + $"{options.MasterKeyEnvironmentVariable}, or KeyManagement:MasterKeyFile (with GenerateMasterKeyFileIfMissing "
                + "for development), or register a KMS-backed IKeyEncryptionKeyProvider with UseKeyEncryptionKeyProvider.");
        }

        if (problems.Count > 0 || keys.Count == 0)
        {
            keys.Dispose();
            return null;
        }

        return keys;
    }

    private static void AddIfPresent(MasterKeySet keys, byte[]? key)
    {
        if (key is not null)
        {
            keys.Add(key);
        }
    }

    private static byte[]? Parse(string? value, string source, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var buffer = new byte[(value.Length * 3 / 4) + 3];
        try
        {
            if (Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written == MasterKeySet.KeySize)
            {
                return buffer[..MasterKeySet.KeySize];
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }

        problems.Add($"{source} is not a base64 string of exactly {MasterKeySet.KeySize} bytes.");
        return null;
    }

    private static List<byte[]> ReadFile(KeyManagementOptions options, bool generate, ILogger? logger, TimeProvider timeProvider, List<string> problems, out bool missingButGeneratable)
    {
        missingButGeneratable = false;
        var keys = new List<byte[]>();
        var path = options.MasterKeyFile;
        if (string.IsNullOrWhiteSpace(path))
        {
            return keys;
        }

        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            if (!options.GenerateMasterKeyFileIfMissing)
            {
                problems.Add($"The master key file '{path}' does not exist (set GenerateMasterKeyFileIfMissing to create one for development).");
                return keys;
            }

            if (!generate)
            {
                missingButGeneratable = true;
                return keys;
            }

            Generate(path, logger, timeProvider);
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"The master key file '{path}' cannot be read: {ex.GetType().Name}.");
            return keys;
        }

        var generated = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith(GeneratedFileMarker, StringComparison.Ordinal))
            {
                generated = true;
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var key = Parse(line, string.Create(CultureInfo.InvariantCulture, $"Line {i + 1} of the master key file '{path}'"), problems);
            if (key is not null)
            {
                keys.Add(key);
            }
        }

        if (keys.Count == 0)
        {
            problems.Add($"The master key file '{path}' holds no key.");
        }
        else if (generated && logger is not null)
        {
            Log.DevelopmentMasterKeyInUse(logger, path);
        }

        return keys;
    }

    private static void Generate(string path, ILogger? logger, TimeProvider timeProvider)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var key = RandomNumberGenerator.GetBytes(MasterKeySet.KeySize);
        var encoded = Convert.ToBase64String(key);
        CryptographicOperations.ZeroMemory(key);
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, streamOptions);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{GeneratedFileMarker}, generated {timeProvider.GetUtcNow():O}."));
            writer.WriteLine("# UNPROTECTED: whoever reads this file can unwrap every data key. Never use it in production.");
            writer.WriteLine(encoded);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the file first: use its key.
            return;
        }

        if (logger is not null)
        {
            Log.MasterKeyFileGenerated(logger, path);
        }
    }
}
