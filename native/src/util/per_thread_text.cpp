#include "per_thread_text.h"

#include <memory>
#include <new>

namespace cachain {
namespace {

extern "C" void delete_text(void* text) { delete static_cast<std::string*>(text); }

}  // namespace

PerThreadText::PerThreadText() {
    if (pthread_key_create(&key_, delete_text) != 0) throw std::bad_alloc();
}

std::string& PerThreadText::here() {
    if (auto* text = static_cast<std::string*>(pthread_getspecific(key_))) return *text;
    auto text = std::make_unique<std::string>();
    if (pthread_setspecific(key_, text.get()) != 0) throw std::bad_alloc();
    return *text.release();
}

}  // namespace cachain
