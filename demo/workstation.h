// The "workgroup workstation" of the seed's story: a machine that does not
// trust the lab's chain yet, a trust store CaChain places into, and a real
// TLS client of that machine whose verdict the demo shows.
//
// On Linux it is a Debian-shaped system root in a folder (the real
// update-ca-certificates and openssl s_client; the machine itself is not
// touched). On Windows it is this machine's LocalMachine stores, and the
// client is Windows' own chain engine; the demo removes exactly what it
// placed.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "cachain/cachain.h"
#include "test_pki.h"

class Workstation {
public:
    virtual ~Workstation() = default;

    // What the workstation is, for the story: "its system trust: <folder>".
    virtual std::string description() const = 0;

    // The store Import-CaChain and Test-CaChain use (borrowed).
    virtual cachain_store* store() = 0;

    // Connects to pool1.schertz.lab on 127.0.0.1:port as this machine's
    // clients do (on Windows: the chain engine's verdict on what the server
    // presents), prints the outcome, and says whether the chain was trusted.
    virtual bool client_connects(int port) = 0;

    // Told of every placement made into store(), so a workstation that is
    // this machine can undo exactly what was added.
    virtual void placed(const cachain_placement* placement) { (void)placement; }
};

// True where the workstation is this machine itself (Windows): the demo
// then changes its stores, and runs only when the user agrees.
bool workstation_is_this_machine();

// A workstation that trusts only public_root. name tells two apart.
std::unique_ptr<Workstation> make_workstation(const std::filesystem::path& work, const std::string& name,
                                              const cachain::testing::Issued& public_root);
