using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement;
using TekUp.Security.Tenants;
using static TekUp.Security.Demo.Chapters.DemoContext;

namespace TekUp.Security.Demo.Chapters;

/// <summary>Tenants, envelope encryption, tenant isolation, rotation, re-encryption and crypto-shredding.</summary>
internal static class EncryptionChapters
{
    private static readonly (string Tenant, string Id, DataClass Class, string Plaintext)[] Seed =
    [
        (TenantA, "customer-1001", DataClass.Personal, """{"name":"Mette Hansen","email":"mette@example.dk"}"""),
        (TenantA, "invoice-2026-0042", DataClass.Financial, """{"amount":"12500.00 DKK","iban":"DK5000400440116243"}"""),
        (TenantB, "customer-7", DataClass.Personal, """{"name":"Lars Nielsen","email":"lars@example.dk"}"""),
        (TenantB, "invoice-2026-0007", DataClass.Financial, """{"amount":"899.00 DKK","iban":"DK8930000001234567"}"""),
    ];

    public static async Task TenantsAsync(DemoContext demo)
    {
        var n = demo.Narrator;
        n.Chapter("Two tenants");
        var tenants = demo.Services.GetRequiredService<ITenantService>();
        await tenants.CreateAsync(TenantA, "Nordlys ApS", ["10.20.0.0/16", "2001:db8:20::/48"]);
        await tenants.CreateAsync(TenantB, "Fjord Regnskab A/S");
        n.Ok($"created '{TenantA}' (Nordlys ApS), allow-list 10.20.0.0/16 and 2001:db8:20::/48");
        n.Ok($"created '{TenantB}' (Fjord Regnskab A/S), no allow-list");
        try
        {
            await tenants.CreateAsync("typo", "Typo ApS", ["10.0.0.1/8"]);
        }
        catch (ArgumentException ex)
        {
            n.Refused($"a tenant with allow-list 10.0.0.1/8 was refused: {ex.Message.Split(" (Parameter")[0]}");
        }
    }

    public static async Task EncryptAsync(DemoContext demo)
    {
        var n = demo.Narrator;
        n.Chapter("Personal and financial records encrypted per tenant");
        var encryption = demo.Services.GetRequiredService<IEncryptionService>();
        foreach (var (tenant, id, dataClass, plaintext) in Seed)
        {
            // The record id is the caller context: a ciphertext copied onto another record will not decrypt.
            var ciphertext = await encryption.EncryptToBase64UrlAsync(tenant, dataClass, Encoding.UTF8.GetBytes(plaintext), Encoding.UTF8.GetBytes(id));
            await demo.Records.SaveAsync(new DemoRecord(id, tenant, dataClass, ciphertext));
            n.Ok($"{tenant,-8} {dataClass,-9} {id,-18} -> {Preview(ciphertext)} ({ciphertext.Length} chars, key {KeyIdOf(ciphertext)})");
        }

        n.Say("Each tenant has its own data key per class; the database holds the keys only wrapped by the master key.");
    }

    public static async Task IsolationAsync(DemoContext demo)
    {
        var n = demo.Narrator;
        n.Chapter("Tenant B's key cannot open tenant A's record");
        var encryption = demo.Services.GetRequiredService<IEncryptionService>();
        var record = (await demo.Records.ListAsync()).Single(r => r.Id == "customer-1001");
        var readBack = await encryption.DecryptFromBase64UrlAsync(TenantA, DataClass.Personal, record.Ciphertext, Encoding.UTF8.GetBytes(record.Id));
        n.Ok($"{TenantA} reads its own record: {Encoding.UTF8.GetString(readBack)}");

        await ExpectRefusalAsync(n, $"as tenant '{TenantB}'", () => encryption.DecryptFromBase64UrlAsync(TenantB, DataClass.Personal, record.Ciphertext, Encoding.UTF8.GetBytes(record.Id)));
        await ExpectRefusalAsync(n, "as the financial class", () => encryption.DecryptFromBase64UrlAsync(TenantA, DataClass.Financial, record.Ciphertext, Encoding.UTF8.GetBytes(record.Id)));
        await ExpectRefusalAsync(n, "pasted onto record customer-1002", () => encryption.DecryptFromBase64UrlAsync(TenantA, DataClass.Personal, record.Ciphertext, Encoding.UTF8.GetBytes("customer-1002")));
        var tampered = record.Ciphertext[..^2] + (record.Ciphertext[^2] == 'A' ? "B" : "A") + record.Ciphertext[^1];
        await ExpectRefusalAsync(n, "with one character changed", () => encryption.DecryptFromBase64UrlAsync(TenantA, DataClass.Personal, tampered, Encoding.UTF8.GetBytes(record.Id)));
    }

    public static async Task RotateAsync(DemoContext demo)
    {
        var n = demo.Narrator;
        n.Chapter("Keys rotated; old records still open");
        var keys = demo.Services.GetRequiredService<IKeyManager>();
        var encryption = demo.Services.GetRequiredService<IEncryptionService>();
        foreach (var tenant in new[] { TenantA, TenantB })
        {
            foreach (var dataClass in new[] { DataClass.Personal, DataClass.Financial })
            {
                var rotated = await keys.RotateAsync(tenant, dataClass);
                n.Ok($"{tenant,-8} {dataClass,-9} new active key {Short(rotated.KeyId)}");
            }
        }

        foreach (var key in await keys.ListKeysAsync(TenantA))
        {
            n.Detail($"{key.DataClass} {Short(key.KeyId)}", $"{key.State}, created {key.CreatedAt:yyyy-MM-dd HH:mm:ss}");
        }

        foreach (var record in await demo.Records.ListAsync())
        {
            var plaintext = await encryption.DecryptFromBase64UrlAsync(record.TenantId, record.DataClass, record.Ciphertext, Encoding.UTF8.GetBytes(record.Id));
            n.Ok($"{record.Id,-18} still opens with its rotated key {KeyIdOf(record.Ciphertext)} ({plaintext.Length} bytes)");
        }
    }

    public static async Task ReEncryptAsync(DemoContext demo)
    {
        var n = demo.Narrator;
        n.Chapter("Old records re-encrypted to the newest key");
        var encryption = demo.Services.GetRequiredService<IEncryptionService>();
        foreach (var record in await demo.Records.ListAsync())
        {
            var result = await encryption.ReEncryptBase64UrlAsync(record.TenantId, record.DataClass, record.Ciphertext, Encoding.UTF8.GetBytes(record.Id));
            var ciphertext = result.ToBase64Url();
            await demo.Records.SaveAsync(record with { Ciphertext = ciphertext });
            n.Ok($"{record.Id,-18} key {Short(result.PreviousKeyId)} -> {Short(result.KeyId)}");
        }
    }

    public static async Task ShredAsync(DemoContext demo)
    {
        var n = demo.Narrator;
        n.Chapter($"Tenant '{TenantB}' personal key destroyed: its personal records are gone for good");
        var keys = demo.Services.GetRequiredService<IKeyManager>();
        var encryption = demo.Services.GetRequiredService<IEncryptionService>();
        var destroyed = await keys.DestroyAllAsync(TenantB, DataClass.Personal);
        n.Ok($"destroyed {destroyed.Count} personal key(s) of '{TenantB}': wrapped material erased from the database");
        foreach (var record in (await demo.Records.ListAsync()).Where(r => r.TenantId == TenantB))
        {
            if (record.DataClass == DataClass.Personal)
            {
                await ExpectRefusalAsync(n, $"{record.Id} of '{TenantB}'", () => encryption.DecryptFromBase64UrlAsync(record.TenantId, record.DataClass, record.Ciphertext, Encoding.UTF8.GetBytes(record.Id)));
            }
            else
            {
                await encryption.DecryptFromBase64UrlAsync(record.TenantId, record.DataClass, record.Ciphertext, Encoding.UTF8.GetBytes(record.Id));
                n.Ok($"{record.Id} ({record.DataClass}) of '{TenantB}' still opens: only the personal key was destroyed");
            }
        }

        n.Say("Every copy of those ciphertexts, backups included, is now unreadable (see docs/key-management.md for the limits).");
    }

    private static async Task ExpectRefusalAsync(Narrator n, string what, Func<ValueTask<byte[]>> attempt)
    {
        try
        {
            await attempt();
            n.Fail($"decrypting {what} SUCCEEDED - this must never happen");
        }
        catch (KeyUnavailableException ex)
        {
            n.Refused($"decrypting {what}: {Describe(ex.Reason)} ({nameof(KeyUnavailableException)}.{ex.Reason})");
        }
        catch (CryptographicException ex)
        {
            n.Refused($"decrypting {what}: {ex.Message} ({ex.GetType().Name})");
        }
    }

    private static string Describe(KeyUnavailableReason reason) => reason switch
    {
        KeyUnavailableReason.NotFound => "no such key among this tenant's keys of this class",
        KeyUnavailableReason.Destroyed => "the key was destroyed; the data is gone for good",
        KeyUnavailableReason.Revoked => "the key was revoked",
        _ => reason.ToString(),
    };

    private static string Preview(string ciphertext) => ciphertext[..24] + "...";

    private static string Short(Guid id) => id.ToString("N")[..8];

    private static string KeyIdOf(string ciphertext) =>
        Envelope.TryReadKeyId(Base64Url.DecodeFromChars(ciphertext), out var keyId) ? Short(keyId) : "?";
}
