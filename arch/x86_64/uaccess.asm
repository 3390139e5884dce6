; uaccess.asm - the only instructions that touch user memory, and their fault fix-up.
;
; kernel/mm/uaccess.c checks that a range lies in user space, then calls one of these loops.
; The range can still be unmapped (NULL, a hole, a page not yet demand-paged). A page fault
; inside [uaccess_copy_start, uaccess_copy_end) goes to trap.c, which first asks the address
; space to map the page (demand paging) and retries; if the address is simply bad, trap.c sets
; the saved rip to uaccess_fixup and returns from the fault. uaccess_fixup then returns -EFAULT
; from the routine that faulted - which works because none of these routines pushes anything:
; at any instruction of theirs, [rsp] is the caller's return address.
; (Linux: the exception table, _ASM_EXTABLE_UA, and arch/x86/lib/copy_user_64.S; one range
; with one fix-up is the smallest version of that idea.)
;
; Byte at a time on purpose: the copies are small (paths, structs), and a student stepping
; through with gdb sees exactly which byte faulted (rsi/rdi at the fault).
;
; See also: kernel/mm/uaccess.c, arch/x86_64/trap.c (the fault side), usermode.h.

bits 64
default rel
section .text

EFAULT equ 14

global uaccess_copy_start
global uaccess_copy_end

uaccess_copy_start:

; long arch_uaccess_copy(uint64_t dst, uint64_t src, size_t n) - 0 or -EFAULT
global arch_uaccess_copy:function COPY_SIZE
arch_uaccess_copy:
	test rdx, rdx
	jz .done
.loop:
	mov al, [rsi]
	mov [rdi], al
	inc rsi
	inc rdi
	dec rdx
	jnz .loop
.done:
	xor eax, eax
	ret
COPY_SIZE equ $ - arch_uaccess_copy

; long arch_uaccess_clear(uint64_t dst, size_t n) - 0 or -EFAULT
global arch_uaccess_clear:function CLEAR_SIZE
arch_uaccess_clear:
	test rsi, rsi
	jz .done
.loop:
	mov byte [rdi], 0
	inc rdi
	dec rsi
	jnz .loop
.done:
	xor eax, eax
	ret
CLEAR_SIZE equ $ - arch_uaccess_clear

; long arch_uaccess_strncpy(uint64_t dst, uint64_t src, size_t max)
; Copies bytes up to and including a NUL, at most max of them. Returns the string's length
; (the NUL's index) if a NUL was copied, max if none was found, or -EFAULT.
global arch_uaccess_strncpy:function STRNCPY_SIZE
arch_uaccess_strncpy:
	xor ecx, ecx                            ; rcx = bytes copied so far
.loop:
	cmp rcx, rdx
	je .done                                ; max bytes and no NUL: return max
	mov al, [rsi + rcx]
	mov [rdi + rcx], al
	test al, al
	jz .done                                ; the NUL: return its index
	inc rcx
	jmp .loop
.done:
	mov rax, rcx
	ret
STRNCPY_SIZE equ $ - arch_uaccess_strncpy

uaccess_copy_end:

; Where a faulting copy resumes (trap.c sets rip here): the routine returns -EFAULT.
global uaccess_fixup:function FIXUP_SIZE
uaccess_fixup:
	mov rax, -EFAULT
	ret
FIXUP_SIZE equ $ - uaccess_fixup
